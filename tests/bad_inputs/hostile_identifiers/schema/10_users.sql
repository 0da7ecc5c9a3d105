create table public.users (id int primary key, name text);
