create type public.address as (street text, city text, zip varchar(10));
create table public.billing_address of public.address (
    primary key (street, city),
    street with options not null,
    city with options not null
);
