create table products (
    id integer primary key,
    price_cents integer not null,
    constraint products_price_range check (price_cents >= 0 and price_cents < 100000000)
);
