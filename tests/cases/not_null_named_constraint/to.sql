-- NOT NULL written as named constraints: PostgreSQL 18 keeps them in pg_constraint (with the
-- name), older versions only set attnotnull. Either way the plan and the proof converge.
create table public.accounts (
    id integer primary key,
    email text constraint accounts_email_required not null,
    handle text
);
