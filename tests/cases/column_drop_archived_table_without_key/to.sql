create table public.audit_log (
    at timestamptz not null,
    -- reconcile:renamed-from actor
    actor_name text,
    action text not null,
    payload jsonb
);
create table public.readings (sensor int not null, value numeric not null);
create table public.readings_2026 (taken date not null) inherits (public.readings);
