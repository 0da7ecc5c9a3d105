create table public.products (
    id bigint primary key,
    name text not null,
    price_cents integer not null
);
create function public.price_with_vat(cents integer) returns integer
    language sql immutable
    as $$ select (cents * 1.2)::integer $$;
create view public.price_list as
    select id, name, public.price_with_vat(price_cents) as gross_cents from public.products;
create view public.cheap_products as
    select id, name from public.price_list where gross_cents < 1000;
insert into public.products values (1, 'pen', 150), (2, 'lamp', 4500);
