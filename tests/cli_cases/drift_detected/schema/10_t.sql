create table public.users (id bigint primary key, email text not null);
create index users_email on public.users (email);
