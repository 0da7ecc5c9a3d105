create table public.orders (id integer primary key, total numeric not null, updated_at timestamptz);

create function public.touch() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create trigger orders_touch before update on public.orders
  for each row execute function public.touch();
