create type public.address as (street text, city text, zip varchar(10));
comment on type public.address is 'a postal address';
create table public.shipping_address of public.address (
    primary key (street, city),
    city with options not null default 'Springfield'
);
insert into public.shipping_address values ('1 Main St', 'Springfield', '12345');
