create table audit_events (
    occurred_at timestamptz not null default now(),
    message text not null
);
