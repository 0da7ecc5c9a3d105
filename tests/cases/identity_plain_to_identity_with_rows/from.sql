create table public.sessions (
    id integer not null primary key,
    user_name text not null
);
insert into public.sessions values (1, 'ada'), (2, 'alan');
