-- An e-mail domain whose pattern holds `%`, `$` and a doubled quote; a second check holds a
-- `$1$`-like text (as in an MD5-crypt hash prefix) and a backslash escape.
create domain public.email as text
  constraint email_format check (value ~* '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$')
  constraint email_no_quote check (value !~ '''');
create domain public.crypt_hash as text default '$1$' || 'salt$'
  constraint crypt_hash_prefix check (value ~ '^\$1\$[^$]+\$' or value like E'$2y$%\\x');
create table public.members (id bigint primary key, contact public.email, pw public.crypt_hash);
