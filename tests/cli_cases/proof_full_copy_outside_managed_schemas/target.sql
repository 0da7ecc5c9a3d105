create table users (id bigint generated always as identity primary key, email text not null);
-- A schema reconcile does not manage: schema/ does not have it, so the scratch database taken back
-- would not either.
create schema legacy;
create table legacy.audit (id bigint primary key, note text);
