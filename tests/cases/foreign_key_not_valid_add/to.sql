create table customers (id integer primary key, name text not null);
create table orders (id integer primary key, customer_id integer not null);

alter table orders add constraint orders_customer_id_fkey
    foreign key (customer_id) references customers (id) not valid;
