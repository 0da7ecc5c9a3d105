create table if not exists public.users (id int primary key);
