create schema app;
-- every table created in app from now on is readable by the reader and writable by the writer
alter default privileges in schema app grant select on tables to app_reader;
alter default privileges in schema app grant insert, update on tables to app_writer with grant option;
alter default privileges in schema app grant usage on sequences to app_writer;
-- functions are not executable by PUBLIC unless granted
alter default privileges revoke execute on functions from public;

create table app.customers (
    id integer primary key,
    name text not null
);

create table app.orders (
    id bigserial primary key,
    customer_id integer not null references app.customers (id)
);

create function app.order_count(p_customer integer) returns bigint
language sql stable
as $$ select count(*) from app.orders where customer_id = p_customer $$;
