create type public.color as enum ('red', 'green');
create table public.items (
  id bigint primary key,
  qty integer not null constraint qty_positive check (qty > 0),
  shade public.color not null default 'red'
);
create index items_qty_idx on public.items (qty);
create view public.item_list as select id, qty from public.items;
insert into public.items values (1, 5, 'green'), (2, 7, 'red');
