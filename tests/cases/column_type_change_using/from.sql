create table public.products (id bigint primary key, stock text not null);
insert into public.products values (1, '10'), (2, '0');
