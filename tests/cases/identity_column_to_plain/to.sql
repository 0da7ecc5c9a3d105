create table public.tickets (
    id bigint primary key,
    title text not null
);
