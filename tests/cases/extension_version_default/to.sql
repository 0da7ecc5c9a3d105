-- no VERSION: the server's default version (what a fresh database gets)
create extension if not exists citext;
create table accounts (
    id bigint generated always as identity primary key,
    email citext not null unique
);
