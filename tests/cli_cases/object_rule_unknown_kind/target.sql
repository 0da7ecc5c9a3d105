create table public.orders (id bigint primary key, qty integer not null);
-- a shell type (CREATE TYPE with no definition): a kind the diff cannot express
create type public.total;
create table public.legacy_events (id bigint primary key);
