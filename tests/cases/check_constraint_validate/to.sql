create table products (
    id integer primary key,
    price_cents integer not null
);

alter table products add constraint products_price_positive check (price_cents > 0);
