create table public.results (id bigint primary key);
