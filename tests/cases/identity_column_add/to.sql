create table audit_events (
    occurred_at timestamptz not null default now(),
    message text not null,
    id bigint generated always as identity
);
