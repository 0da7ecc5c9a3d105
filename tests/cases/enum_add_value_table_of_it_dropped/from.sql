create type public.mood as enum ('sad', 'happy');
create table public.diary (id bigint primary key, mood public.mood not null, note text);
create table public.checkins (id bigint primary key, mood public.mood);
insert into public.diary values (1, 'sad', 'rain'), (2, 'happy', null);
insert into public.checkins values (1, 'happy'), (2, null);
