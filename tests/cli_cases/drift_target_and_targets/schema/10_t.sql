create table public.t (id bigint primary key, name text not null);
create index t_name on public.t (name);
