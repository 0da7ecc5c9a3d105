create table public.accounts (
  id bigint primary key,
  email text constraint accounts_email_format check (email like '%@%'),
  note text not null default 'none'
);
insert into public.accounts values (1, 'ana@example.org', 'it''s');
