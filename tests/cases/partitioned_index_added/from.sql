create table public.events (id bigint not null, at date not null, kind text, payload jsonb) partition by range (at);
create table public.events_2025 partition of public.events for values from ('2025-01-01') to ('2026-01-01');
create table public.events_2026 partition of public.events for values from ('2026-01-01') to ('2027-01-01')
  partition by list (kind);
create table public.events_2026_click partition of public.events_2026 for values in ('click');
create table public.events_2026_rest partition of public.events_2026 default;
insert into public.events values (1, '2025-03-01', 'click', '{}'), (2, '2026-05-01', 'view', '{"a": 1}');
