create table public.accounts (
    id integer primary key,
    email text,
    handle text not null
);
