create table events (
    id bigint primary key,
    account_id integer not null,
    kind text not null,
    email text,
    occurred_at timestamptz not null,
    deleted_at timestamptz,
    payload jsonb not null default '{}'
);

create unique index events_account_kind_key on events (account_id, kind, occurred_at);
