create table public.a (id int);
\i other.sql
