create collation path_order (provider = libc, locale = 'C');
create table files (path text not null);
