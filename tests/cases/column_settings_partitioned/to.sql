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
-- only the partition that is still written to gets a larger sample
alter table only measurements_2026 alter column sensor_id set statistics 1000;
alter table only measurements alter column note set storage main;
-- created after the parent's SET STORAGE: it starts with the parent's storage (MAIN)
create table measurements_2027 partition of measurements
    for values from ('2027-01-01') to ('2028-01-01');
