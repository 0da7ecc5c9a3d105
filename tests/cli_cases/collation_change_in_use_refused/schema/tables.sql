create collation path_order (provider = libc, locale = 'POSIX');
create table files (path text collate path_order not null);
