create table products (
    id integer primary key,
    title varchar(50) not null
);
