create table orders (
    id integer primary key,
    quantity integer not null
);
