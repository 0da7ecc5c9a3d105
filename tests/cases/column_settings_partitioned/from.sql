create table measurements (
    sensor_id integer not null,
    taken_at timestamptz not null,
    reading double precision,
    note text
) partition by range (taken_at);
create table measurements_2025 partition of measurements
    for values from ('2025-01-01') to ('2026-01-01');
create table measurements_2026 partition of measurements
    for values from ('2026-01-01') to ('2027-01-01');
