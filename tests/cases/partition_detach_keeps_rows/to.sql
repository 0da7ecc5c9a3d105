create table public.events (id bigint not null, at date not null, payload jsonb) partition by range (at);
create table public.events_2026 partition of public.events for values from ('2026-01-01') to ('2027-01-01');
-- 2025 is archived: still a table, no longer a partition
create table public.events_2025 (id bigint not null, at date not null, payload jsonb);
