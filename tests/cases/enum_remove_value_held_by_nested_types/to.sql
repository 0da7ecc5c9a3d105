create type public.shipment_state as enum ('packed', 'shipped', 'delivered');
-- A composite type inside another, and a domain over an array of the enum.
create type public.state_stamp as (state public.shipment_state, at timestamptz);
create type public.tracking as (last public.state_stamp, hops integer);
create domain public.state_trail as public.shipment_state[]
    constraint state_trail_short check (cardinality(value) <= 10);
-- Only a function takes the outer type; a partitioned table stores it and the domain.
create function public.last_state(t public.tracking) returns public.shipment_state
    language sql immutable as $$ select (t.last).state $$;
create table public.shipments (
    id bigint not null,
    shipped_on date not null,
    tracking public.tracking,
    trail public.state_trail not null default '{}',
    primary key (id, shipped_on)
) partition by range (shipped_on);
create table public.shipments_2024 partition of public.shipments for values from ('2024-01-01') to ('2025-01-01');
create table public.shipments_2025 partition of public.shipments for values from ('2025-01-01') to ('2026-01-01');
