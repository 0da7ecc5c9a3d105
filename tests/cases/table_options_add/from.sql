create table accounts (
    id bigint generated always as identity primary key,
    owner text not null
);

create table events (
    id bigint generated always as identity primary key,
    payload jsonb not null
);

create table audit_log (
    id bigint generated always as identity primary key,
    message text not null
);

create table sessions (
    id bigint generated always as identity primary key,
    token text not null
);
create unique index sessions_token_key on sessions (token);

create materialized view event_counts as select count(*) as n from events;
