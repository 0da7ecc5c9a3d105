create table public.readings (sensor int not null, at timestamptz not null, value float8, constraint readings_sensor_at_key unique (sensor, at)) partition by list (sensor);
create table public.readings_1 partition of public.readings for values in (1);
create table public.readings_2 partition of public.readings for values in (2);
insert into public.readings values (1, '2025-01-01 00:00+00', 1.5), (2, '2025-01-01 00:00+00', 2.5);
