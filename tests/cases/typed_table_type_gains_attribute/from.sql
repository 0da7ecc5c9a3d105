create type public.address as (street text, city text);
create table public.shipping_address of public.address (primary key (street));
insert into public.shipping_address values ('1 Main St', 'Springfield');
