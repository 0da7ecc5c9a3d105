create type public.pending;
create table public.orders (id bigint primary key, qty integer not null, note text);
