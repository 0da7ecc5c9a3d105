create type public.address as (street text, city text, zip varchar(10));
comment on type public.address is 'a postal address';
-- no longer a table of the type: it gains a column of its own
create table public.shipping_address (
    street text,
    city text not null default 'Springfield',
    zip varchar(10),
    verified boolean not null default false,
    primary key (street, city)
);
