create table orders (
    id bigint generated always as identity primary key,
    customer_id bigint not null,
    total numeric(12, 2) not null,
    status text not null default 'open'
);

create view open_orders with (security_invoker = true) as
    select id, customer_id, total from orders where status = 'open';
comment on view open_orders is 'Orders not yet shipped';
comment on column open_orders.total is 'Amount due';

create view big_open_orders with (security_barrier = true) as
    select id, total from open_orders where total > 1000;
comment on view big_open_orders is 'Open orders above 1000';
