-- A column whose name holds a dot is dropped (archived, so the rollback brings its values back)
-- while an index on another one changes.
create table public.readings (id bigint primary key, "v.1" int);
create index readings_v on public.readings ("v.1" desc);
