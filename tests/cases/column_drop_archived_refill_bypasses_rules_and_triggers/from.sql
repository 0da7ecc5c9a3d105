create table public.invoices (
    id bigint primary key,
    customer text not null,
    legacy_ref text not null,
    note text,
    updated_at timestamptz not null default '2000-01-01'
);
-- invoices are never updated in place (corrections are new rows): updates are swallowed
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
-- three triggers in three states, which the rollback must leave as they are
create trigger invoices_stamp before update on public.invoices for each row execute function public.stamp_updated();
create trigger invoices_guard before update on public.invoices for each row execute function public.refuse_change();
create trigger invoices_replica before update on public.invoices for each row execute function public.refuse_change();
alter table public.invoices disable trigger invoices_guard;
alter table public.invoices enable always trigger invoices_stamp;
alter table public.invoices enable replica trigger invoices_replica;
insert into public.invoices (id, customer, legacy_ref, note) values
    (1, 'acme', 'A-17', null), (2, 'globex', 'G-2', 'paid late'), (3, 'initech', 'I-9', '');
