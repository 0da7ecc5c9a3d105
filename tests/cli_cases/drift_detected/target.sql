create table public.users (id bigint primary key, email text);
create table public.hotfix (id int);
