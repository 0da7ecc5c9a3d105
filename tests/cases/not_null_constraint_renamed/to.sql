-- PostgreSQL 18 keeps NOT NULL as a named constraint (here accounts_email_required; the target
-- has the default accounts_email_not_null).
create table public.accounts (
    id integer primary key,
    email text constraint accounts_email_required not null
);
