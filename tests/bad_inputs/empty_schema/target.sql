create table public.users (id int primary key);
create view public.v as select id from public.users;
