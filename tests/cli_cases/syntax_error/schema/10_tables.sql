-- a typo on line 3
create table public.users (id int primary key);
create tabel public.orders (id int primary key);
