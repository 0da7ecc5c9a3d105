-- Nothing uses the collation: it is dropped and created again with its new definition.
create collation path_order (provider = libc, locale = 'POSIX');
create table files (path text not null);
