create table public.orders (id bigint primary key, status text);
create procedure public.set_status(o bigint, s text default 'open')
  language sql as $$ update public.orders set status = s where id = o $$;
create procedure public.archive_all() language plpgsql as $$ begin update public.orders set status = 'x'; end $$;
