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
