create table public.orders (id bigint primary key, qty integer not null);
-- a kind the diff cannot express (a shell type), the same on both sides
create type public.pending;
