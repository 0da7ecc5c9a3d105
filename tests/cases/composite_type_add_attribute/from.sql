create type public.address as (street text, city text);
create table public.shipments (id bigint primary key, destination public.address);
insert into public.shipments values (1, row('Cra 7', 'Bogotá'));
