create collation path_order (provider = libc, locale = 'C');
create table files (path text collate path_order not null);
