-- SQL-standard syntax that PostgreSQL stores as function calls and prints back as written
-- (x AT TIME ZONE z is timezone(z, x), TRIM(BOTH FROM x) is btrim(x), …): written back the same way
create table public.events (
  id bigint primary key,
  created_at timestamptz not null default now(),
  code text not null,
  starts date not null,
  ends date not null,
  logged_at timestamp not null default (now() at time zone 'UTC'),
  created_utc timestamp generated always as (created_at at time zone 'UTC') stored,
  code_clean text generated always as (upper(trim(both ' ' from code))) stored,
  constraint events_code_check check (position('-' in code) > 0 and substring(code from 2 for 2) <> 'zz'),
  constraint events_period_check check (not ((starts, ends) overlaps (date '1970-01-01', date '1970-01-02')))
);
create index events_created_utc_idx on public.events ((created_at at time zone 'UTC'));
create index events_created_month_idx on public.events ((extract(month from created_at at time zone 'UTC')));
create index events_code_idx on public.events ((overlay(code placing 'x' from 1 for 1)), (substring(code from 3)))
  where trim(leading ' ' from code) <> '';
-- the explicit call form is kept too
create index events_created_call_idx on public.events (timezone('Europe/Paris', created_at));
create view public.events_local as
  select id, created_at at time zone 'Europe/Paris' as paris, collation for (code) as code_collation
  from public.events;
