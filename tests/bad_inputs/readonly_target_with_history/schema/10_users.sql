create table public.users (id int primary key, email text);
create index users_email on public.users (email);
