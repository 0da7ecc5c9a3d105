-- A column is dropped (archived) while the index over another column is re-defined over an added one.
create table public.readings (id bigint primary key, v int, unit text);
create index readings_v on public.readings (v, unit);
