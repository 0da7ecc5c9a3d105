create table public.messages_by_region (id bigint not null, region text not null, body text) partition by list (region);
create table public.messages_by_region_co partition of public.messages_by_region for values in ('CO');
create table public.messages_by_region_mx partition of public.messages_by_region for values in ('MX');
create index messages_by_region_id_idx on public.messages_by_region (id);
