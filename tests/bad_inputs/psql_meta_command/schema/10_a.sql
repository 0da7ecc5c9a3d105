create table public.a (id int);
\set ON_ERROR_STOP on
create table public.b (id int);
