create table public.items (
  id bigint primary key,
  -- reconcile:renamed-from qtty
  quantity integer
);
