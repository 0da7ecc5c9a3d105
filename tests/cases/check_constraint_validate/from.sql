create table products (
    id integer primary key,
    price_cents integer not null
);

alter table products add constraint products_price_positive check (price_cents > 0) not valid;

insert into products values (1, 500), (2, 250);
