create table public.readings (
    id bigint primary key,
    sensor text not null,
    celsius numeric(5,2) not null,
    taken_at timestamptz not null
);
-- celsius becomes double precision in the view: CREATE OR REPLACE VIEW cannot change a
-- column's type, so the view and everything above it is dropped and created again.
create view public.recent_readings as
    select id, sensor, celsius::double precision as celsius, taken_at from public.readings
    where taken_at > '2020-01-01';
create view public.sensor_summary as
    select sensor, max(celsius) as peak, count(*) as samples from public.recent_readings group by sensor;
create view public.hot_sensors as
    select sensor, peak from public.sensor_summary where peak > 30;
