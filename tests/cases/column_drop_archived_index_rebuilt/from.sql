create table public.readings (id bigint primary key, old text, v int);
insert into public.readings values (1, 'probe-7', 3);
create index readings_v on public.readings (v);
