-- an append-only log without a primary key: rows repeat, some values are NULL
create table public.audit_log (
    at timestamptz not null,
    actor text,
    action text not null,
    payload jsonb,
    source_ip inet not null
);
insert into public.audit_log values
    ('2026-01-05 10:00+01', 'ana', 'login', '{"ok": true}', '10.0.0.1'),
    ('2026-01-05 10:00+01', 'ana', 'login', '{"ok": true}', '10.0.0.2'),
    ('2026-01-05 10:00+01', 'ana', 'login', '{"ok": true}', '10.0.0.2'),
    ('2026-01-05 11:30+01', null, 'probe', null, '192.168.1.9'),
    ('2026-01-06 09:00+01', 'bo', 'logout', '[]', '10.0.0.3');
-- an inheritance parent without a key, whose child's rows hold the column too
create table public.readings (sensor int not null, value numeric not null, unit text not null);
create table public.readings_2026 (taken date not null) inherits (public.readings);
insert into public.readings values (1, 2.5, 'C'), (1, 2.5, 'F');
insert into public.readings_2026 values (1, 2.5, 'K', '2026-02-01'), (2, 7, 'C', '2026-02-02');
