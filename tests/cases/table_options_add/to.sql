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
    token text not null
);
create unique index sessions_token_key on sessions (token);
alter table sessions replica identity using index sessions_token_key;

create materialized view event_counts with (fillfactor = 50) as select count(*) as n from events;

create table cache_entries (
    key text primary key,
    value jsonb
) with (fillfactor = 80);
alter table cache_entries replica identity nothing;
alter table cache_entries enable row level security;
alter table cache_entries force row level security;
