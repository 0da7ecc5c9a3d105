create table public.products (
    id bigint primary key,
    name text not null,
    price_cents integer not null
);
-- The result type changes (integer -> numeric): the function is dropped and created again,
-- and so are the views that call it.
create function public.price_with_vat(cents integer) returns numeric
    language sql immutable
    as $$ select round(cents * 1.2, 2) $$;
create view public.price_list as
    select id, name, public.price_with_vat(price_cents) as gross_cents from public.products;
create view public.cheap_products as
    select id, name from public.price_list where gross_cents < 1000;
