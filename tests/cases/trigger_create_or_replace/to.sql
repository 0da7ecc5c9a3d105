create table public.orders (id integer primary key, total numeric not null, updated_at timestamptz);

create function public.touch() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end
$$;

-- CREATE OR REPLACE TRIGGER (PostgreSQL 14+) in schema/: the trigger now also fires on INSERT,
-- only when the total changes.
create or replace trigger orders_touch before insert or update of total on public.orders
  for each row execute function public.touch();
