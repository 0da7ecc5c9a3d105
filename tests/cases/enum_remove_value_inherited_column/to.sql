-- 'lost' is gone (no row holds it): the enum is re-created, and the columns are re-typed through
-- the parents, which recurse to the child and the partition
create type public.shipment_state as enum ('new', 'packed', 'sent');
create table public.shipments (
    id bigint primary key,
    state public.shipment_state not null default 'new'
);
create table public.international_shipments (
    customs_ref text not null
) inherits (public.shipments);
create table public.shipment_history (
    id bigint not null,
    state public.shipment_state not null,
    at date not null
) partition by range (at);
create table public.shipment_history_2026 partition of public.shipment_history
    for values from ('2026-01-01') to ('2027-01-01');
