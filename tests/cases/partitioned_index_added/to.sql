create table public.events (id bigint not null, at date not null, kind text, payload jsonb) partition by range (at);
create table public.events_2025 partition of public.events for values from ('2025-01-01') to ('2026-01-01');
create table public.events_2026 partition of public.events for values from ('2026-01-01') to ('2027-01-01')
  partition by list (kind);
create table public.events_2026_click partition of public.events_2026 for values in ('click');
create table public.events_2026_rest partition of public.events_2026 default;
-- on the parent: PostgreSQL creates it on every partition and attaches it
create index by_kind on public.events (kind, at);
