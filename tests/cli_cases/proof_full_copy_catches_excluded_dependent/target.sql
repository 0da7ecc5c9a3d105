create table users (id bigint generated always as identity primary key, email text not null);
-- A view in a schema reconcile does not manage, over the column schema/ drops: dropping the column
-- fails on the target, so it must fail on the proof's copy.
create schema legacy;
create view legacy.user_emails as select id, email from public.users;
