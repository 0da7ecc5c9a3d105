-- Column names holding a dot (JSON-path-like names from an import): added, renamed with a hint,
-- indexed and read by a view.
create table public.readings (
  id bigint primary key,
  -- reconcile:renamed-from "sensor.old"
  "sensor.name" text,
  "v.1" int not null default 0,
  "unit.si" text default 'K'
);
create index readings_v on public.readings ("v.1", "unit.si");
create view public.reading_units as select id, "sensor.name", "unit.si" from public.readings;
