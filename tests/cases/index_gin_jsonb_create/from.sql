create table events (
    id bigint primary key,
    account_id integer not null,
    kind text not null,
    email text,
    occurred_at timestamptz not null,
    deleted_at timestamptz,
    payload jsonb not null default '{}'
);
