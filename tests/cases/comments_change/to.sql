create schema app;

create type app.mood as enum ('happy', 'sad');

create sequence app.ticket_seq;

create table app.accounts (
    id bigint generated always as identity primary key,
    email text not null constraint accounts_email_check check (email like '%@%'),
    mood app.mood
);
create index accounts_email_idx on app.accounts (email);

create view app.account_emails as select id, email from app.accounts;
create materialized view app.account_counts as select count(*) as n from app.accounts;

create function app.add_one(x integer) returns integer language sql immutable as $$ select x + 1 $$;
create procedure app.touch() language sql as $$ select 1 $$;

create function app.set_email() returns trigger language plpgsql as $$
begin
    new.email := lower(new.email);
    return new;
end;
$$;
create trigger accounts_lower_email before insert on app.accounts for each row execute function app.set_email();

alter table app.accounts enable row level security;
create policy accounts_read on app.accounts for select using (true);

comment on schema app is 'The application''s objects';
comment on table app.accounts is 'One row per account, rewritten';
comment on column app.accounts.email is 'Where we write to';
comment on column app.accounts.mood is 'New: how they feel';
comment on function app.add_one(integer) is 'Adds one';
comment on index app.accounts_email_idx is '';
comment on constraint accounts_pkey on app.accounts is 'The key';
comment on trigger accounts_lower_email on app.accounts is 'Emails are stored in lower case';
comment on view app.account_emails is 'Accounts and their emails';
