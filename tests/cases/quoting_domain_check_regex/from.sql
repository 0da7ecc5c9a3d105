create domain public.email as text
  constraint email_format check (value ~* '^[^@]+@[^@]+$');
create table public.members (id bigint primary key, contact public.email);
insert into public.members values (1, 'ana@example.org');
