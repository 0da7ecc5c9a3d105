create table accounts (
    id bigint generated always as identity primary key,
    owner text not null
);
alter table accounts enable row level security;
alter table accounts force row level security;

create table events (
    id bigint generated always as identity primary key,
    payload jsonb not null
) with (fillfactor = 70, autovacuum_enabled = false);
alter table events replica identity full;

create unlogged table audit_log (
    id bigint generated always as identity primary key,
    message text not null
);

create table sessions (
    id bigint generated always as identity primary key,
    token text not null,
    device text not null
);
create unique index sessions_token_key on sessions (token);
create unique index sessions_device_token_key on sessions (device, token);
alter table sessions replica identity using index sessions_token_key;
