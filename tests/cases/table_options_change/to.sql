create table accounts (
    id bigint generated always as identity primary key,
    owner text not null
);
alter table accounts enable row level security;

create table events (
    id bigint generated always as identity primary key,
    payload jsonb not null
) with (fillfactor = 90, autovacuum_vacuum_scale_factor = 0.05);
alter table events replica identity default;

create table audit_log (
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
alter table sessions replica identity using index sessions_device_token_key;
