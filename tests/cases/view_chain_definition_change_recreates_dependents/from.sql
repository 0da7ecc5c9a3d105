create table public.readings (
    id bigint primary key,
    sensor text not null,
    celsius numeric(5,2) not null,
    taken_at timestamptz not null
);
create view public.recent_readings as
    select id, sensor, celsius, taken_at from public.readings
    where taken_at > '2020-01-01';
create view public.sensor_summary as
    select sensor, max(celsius) as peak, count(*) as samples from public.recent_readings group by sensor;
create view public.hot_sensors as
    select sensor, peak from public.sensor_summary where peak > 30;
