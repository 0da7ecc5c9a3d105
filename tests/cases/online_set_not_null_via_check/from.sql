create table customers (id integer primary key, name text, email text);
insert into customers select g, 'c' || g, 'c' || g || '@example.com' from generate_series(1, 1000) g;
