create table customers (id integer primary key, name text not null);
create table orders (id integer primary key, customer_id integer not null);

-- Orders whose customer was deleted long ago: the foreign key is added NOT VALID.
insert into customers values (1, 'Ada');
insert into orders values (1, 1), (2, 42);
