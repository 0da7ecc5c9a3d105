-- a label in the middle (added in place; the rollback removes it, which re-creates the enum)
create type public.mood as enum ('sad', 'ok', 'happy');
create table public.checkins (id bigint primary key, mood public.mood);
