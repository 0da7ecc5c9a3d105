create table products (
    id integer primary key,
    title text not null
);
