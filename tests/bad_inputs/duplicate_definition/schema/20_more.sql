create table public.orders (id int primary key);

create table public.users (
  id bigint primary key,
  email text
);
