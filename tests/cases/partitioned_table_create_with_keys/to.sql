create table public.shipments (
  id bigint not null,
  region text not null,
  shipped date not null,
  tracking text not null,
  primary key (id, region, shipped),
  constraint shipments_tracking_key unique (tracking, region, shipped)
) partition by list (region);
-- a sub-partitioned partition: itself partitioned by range
create table public.shipments_eu partition of public.shipments for values in ('EU') partition by range (shipped);
create table public.shipments_eu_2025 partition of public.shipments_eu for values from ('2025-01-01') to ('2026-01-01');
create table public.shipments_eu_rest partition of public.shipments_eu default;
create table public.shipments_us partition of public.shipments for values in ('US');
create table public.shipments_other partition of public.shipments default;
