create table public.users (id bigint primary key, email_addr text not null);
