create table products (
    id integer primary key,
    price_cents integer not null,
    constraint products_price_positive check (price_cents > 0)
);
