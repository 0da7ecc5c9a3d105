create domain public.score as smallint check (value between 0 and 100);
create table public.results (id bigint primary key, score public.score);
