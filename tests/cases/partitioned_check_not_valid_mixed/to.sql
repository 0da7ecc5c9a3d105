create table public.readings (id bigint not null, sensor int not null, taken date not null, value numeric not null) partition by range (taken);
create table public.readings_2025 partition of public.readings for values from ('2025-01-01') to ('2026-01-01') partition by list (sensor);
create table public.readings_2025_s1 partition of public.readings_2025 for values in (1);
create table public.readings_2025_rest partition of public.readings_2025 default;
create table public.readings_2026 partition of public.readings for values from ('2026-01-01') to ('2027-01-01');
create table public.events (id bigint not null, kind text not null);
create table public.events_archive (archived date not null) inherits (public.events);
-- the partition and the child whose rows were checked keep a validated constraint of their own;
-- the parents' are NOT VALID, and so are the ones they give the other partitions
alter table public.readings_2026 add constraint readings_value_check check (value >= 0);
alter table public.readings add constraint readings_value_check check (value >= 0) not valid;
alter table public.readings_2025 add constraint readings_2025_sensor_check check (sensor > 0) not valid;
alter table public.events_archive add constraint events_kind_check check (kind <> '');
alter table public.events add constraint events_kind_check check (kind <> '') not valid;
comment on constraint readings_value_check on public.readings is 'old rows are not checked';
