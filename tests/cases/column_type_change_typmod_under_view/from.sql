create table products (
    id integer primary key,
    sku varchar(20) not null,
    name varchar(100) not null,
    price numeric(10, 2) not null
);

create view product_catalog as
    select sku, name, price from products;

create view product_names as
    select name from product_catalog;

insert into products values (1, 'A-1', 'Widget', 9.99);
