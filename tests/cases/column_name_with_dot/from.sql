create table public.readings (id bigint primary key, "sensor.old" text, "v.1" int);
insert into public.readings values (1, 'probe-7', 3);
create index readings_v on public.readings ("v.1");
