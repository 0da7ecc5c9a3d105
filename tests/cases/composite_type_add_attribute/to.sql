create type public.address as (street text, city text, country_code char(2));
create table public.shipments (id bigint primary key, destination public.address);
