create table products (
    id integer primary key,
    sku varchar(20) not null,
    name varchar(200) not null,
    price numeric(12, 2) not null
);

create view product_catalog as
    select sku, name, price from products;

create view product_names as
    select name from product_catalog;

