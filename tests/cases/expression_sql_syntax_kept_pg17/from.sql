create table public.audit (id bigint primary key, at timestamptz not null default now());
insert into public.audit (id) values (1);
