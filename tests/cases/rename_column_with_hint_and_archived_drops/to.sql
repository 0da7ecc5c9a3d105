create table public.accounts (
    id bigint primary key,
    -- reconcile:renamed-from mail
    email text not null,
    created_at timestamptz not null default now()
);
-- Re-defined as well as renamed through its column: a second key column.
create index accounts_mail_idx on public.accounts (email, created_at);
