-- SYSTEM_USER (16+) and AT LOCAL (17+) are SQL syntax for pg_catalog.system_user() and timezone(x)
create table public.audit (
  id bigint primary key,
  at timestamptz not null default now(),
  local_at timestamp default (now() at local),
  by_user text default system_user
);
create view public.audit_local as select id, at at local as local_at, system_user as viewer from public.audit;
