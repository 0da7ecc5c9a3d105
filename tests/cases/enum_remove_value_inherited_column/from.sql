create type public.shipment_state as enum ('new', 'packed', 'lost', 'sent');
create table public.shipments (
    id bigint primary key,
    state public.shipment_state not null default 'new'
);
-- international shipments carry customs data; their state is the parent's column, inherited
create table public.international_shipments (
    customs_ref text not null
) inherits (public.shipments);
-- and so is a partitioned archive's, through its partitions
create table public.shipment_history (
    id bigint not null,
    state public.shipment_state not null,
    at date not null
) partition by range (at);
create table public.shipment_history_2026 partition of public.shipment_history
    for values from ('2026-01-01') to ('2027-01-01');
insert into public.shipments values (1, 'new'), (2, 'sent');
insert into public.international_shipments values (3, 'packed', 'CUS-1'), (4, 'sent', 'CUS-2');
insert into public.shipment_history values (1, 'packed', '2026-03-01'), (2, 'sent', '2026-03-02');
