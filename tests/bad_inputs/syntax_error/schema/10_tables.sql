create table public.users (id int primary key);

create table public.orders (
  id int primary key,
  user_id int references public.users
  total numeric
);
