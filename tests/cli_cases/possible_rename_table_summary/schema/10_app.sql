create table public.accounts (id bigint primary key, email text not null);
