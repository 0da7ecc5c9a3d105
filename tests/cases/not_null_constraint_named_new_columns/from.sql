create table public.accounts (
    id integer primary key,
    email text
);
