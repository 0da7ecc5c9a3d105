-- A nondeterministic ICU collation: labels compare case-insensitively.
create collation case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

create table tags (
    id bigint generated always as identity primary key,
    label text collate case_insensitive not null
);

create table tag_aliases (
    alias text collate case_insensitive primary key,
    label text not null
);
