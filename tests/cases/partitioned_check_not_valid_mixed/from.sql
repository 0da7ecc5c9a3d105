create table public.readings (id bigint not null, sensor int not null, taken date not null, value numeric not null) partition by range (taken);
create table public.readings_2025 partition of public.readings for values from ('2025-01-01') to ('2026-01-01') partition by list (sensor);
create table public.readings_2025_s1 partition of public.readings_2025 for values in (1);
create table public.readings_2025_rest partition of public.readings_2025 default;
create table public.readings_2026 partition of public.readings for values from ('2026-01-01') to ('2027-01-01');
create table public.events (id bigint not null, kind text not null);
create table public.events_archive (archived date not null) inherits (public.events);
-- 2025's sensor 2 and the live events hold rows that break the new rules; 2026 and the archive do not
insert into public.readings values (1, 1, '2025-02-01', 3), (2, 2, '2025-03-01', -1), (3, 1, '2026-01-10', 4);
insert into public.events values (1, '');
insert into public.events_archive values (2, 'login', '2025-12-31');
