create schema legacy;
-- reconcile:renamed-from legacy.sessions
create table public.account_sessions (
    -- reconcile:renamed-from sid
    id bigint primary key,
    account_id bigint not null,
    started_at timestamptz not null
);
create index sessions_account_idx on public.account_sessions (account_id, started_at);
