create extension if not exists citext;

create table users (
    id bigint generated always as identity primary key,
    email citext not null,
    created_at timestamptz not null default now()
);
