create table public.users (id int primary key, email text);
