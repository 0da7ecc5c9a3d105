create type public.address as (street text, city text, zip varchar(10));
create table public.shipping_address of public.address (primary key (street));
