create table products (
    id integer primary key,
    price_cents integer not null
);
