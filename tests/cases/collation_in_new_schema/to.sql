-- The collation lives in its own schema: column clauses name it qualified.
create schema text_rules;
create collation text_rules.bytewise (provider = libc, locale = 'C');
create table t (id int, x text collate text_rules.bytewise);
create table u (y text collate text_rules.bytewise);
