-- A table CHECK and column defaults whose texts hold $, %, quotes, `$1$` and backslashes.
create table public.accounts (
  id bigint primary key,
  email text default 'nobody@example.org'
    constraint accounts_email_format check (email ~* '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$'),
  note text not null default 'it''s $1$ or $$ and 100%',
  pattern text default E'\\d+\\$' check (pattern <> '$guard$'),
  constraint accounts_note_quote check (note !~ '^''$')
);
