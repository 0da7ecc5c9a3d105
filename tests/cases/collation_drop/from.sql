create collation bytewise (provider = libc, locale = 'C');
create collation legacy_posix (provider = libc, lc_collate = 'POSIX', lc_ctype = 'POSIX');

create table files (
    id bigint generated always as identity primary key,
    path text collate bytewise not null
);
