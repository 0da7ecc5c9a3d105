create table public.readings (sensor int not null, at timestamptz not null, value float8) partition by list (sensor);
create table public.readings_1 partition of public.readings for values in (1);
create table public.readings_2 partition of public.readings for values in (2);
