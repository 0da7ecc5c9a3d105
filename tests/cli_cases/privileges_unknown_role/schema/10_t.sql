create table notes (id integer primary key, body text);
grant select on notes to no_such_role_anywhere;
