create extension citext version '1.4';
create table accounts (
    id bigint generated always as identity primary key,
    email citext not null unique
);
