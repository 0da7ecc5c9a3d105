create table public.account (
    id integer primary key,
    email text not null,
    -- no longer deferrable: the constraint is dropped and added again
    constraint account_email_uq unique (email)
);
-- a new table whose foreign key references the account's key: added NOT VALID (online), then
-- validated, after the account's unique key it may use is added again
create table public.session (
    id integer primary key,
    account_id integer references public.account (id) on delete set null
);
