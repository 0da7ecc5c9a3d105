-- reconcile:renamed-from color
create type public.colour as enum ('red', 'green');
create table public.items (
  id bigint primary key,
  qty integer not null,
  shade public.colour not null default 'red',
  -- reconcile:renamed-from qty_positive
  constraint items_qty_positive check (qty > 0)
);
-- reconcile:renamed-from items_qty_idx
create index items_by_qty on public.items (qty);
-- reconcile:renamed-from item_list
create view public.items_overview as select id, qty from public.items;
