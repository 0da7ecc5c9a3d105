create table orders (
    id integer primary key,
    quantity bigint not null
);
