create table public.users (id int primary key);
