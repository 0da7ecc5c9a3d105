create table public.a (id int);
create extension if not exists "no_such_ext_here";
