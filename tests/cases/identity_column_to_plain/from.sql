create table public.tickets (
    id bigint generated always as identity (start with 100 increment by 10) primary key,
    title text not null
);
insert into public.tickets (title) values ('first'), ('second');
