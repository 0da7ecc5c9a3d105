-- Byte-order comparison for paths (libc, available on every server).
create collation bytewise (provider = libc, locale = 'C');

create domain file_path as text collate bytewise;

create table files (
    id bigint generated always as identity primary key,
    path text collate bytewise not null
);

create index files_path on files (path collate bytewise);

create table file_tags (
    file_id bigint not null,
    tag file_path not null,
    note text collate bytewise
);
