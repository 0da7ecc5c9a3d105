create table customers (
    id integer primary key,
    phone text
);
