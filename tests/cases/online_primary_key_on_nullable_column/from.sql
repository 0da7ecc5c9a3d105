create table accounts (id bigint, name text);
insert into accounts select g, 'a' || g from generate_series(1, 1000) g;
