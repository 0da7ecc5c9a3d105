create table public.invoices (
    id bigint primary key,
    customer text not null,
    note text,
    updated_at timestamptz not null default '2000-01-01'
);
create rule invoices_no_update as on update to public.invoices do instead nothing;
create function public.stamp_updated() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end $$;
create function public.refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'invoices are append-only';
end $$;
create trigger invoices_stamp before update on public.invoices for each row execute function public.stamp_updated();
create trigger invoices_guard before update on public.invoices for each row execute function public.refuse_change();
create trigger invoices_replica before update on public.invoices for each row execute function public.refuse_change();
alter table public.invoices disable trigger invoices_guard;
alter table public.invoices enable always trigger invoices_stamp;
alter table public.invoices enable replica trigger invoices_replica;
