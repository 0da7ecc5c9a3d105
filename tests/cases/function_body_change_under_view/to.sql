create table public.products (
    id bigint primary key,
    name text not null,
    price_cents integer not null
);
create function public.price_with_vat(cents integer) returns integer
    language sql immutable
    as $$ select (cents * 1.25)::integer $$;
create view public.price_list as
    select id, name, public.price_with_vat(price_cents) as gross_cents from public.products;
