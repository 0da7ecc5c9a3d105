create table public.a (id int);
