-- Procedures whose parameters are renamed, lose a default or gain an INOUT one: dropped and created.
create table public.orders (id bigint primary key, status text);
create procedure public.set_status(order_id bigint, new_status text)
  language sql as $$ update public.orders set status = new_status where id = order_id $$;
create procedure public.archive_all(inout n int default 0) language plpgsql as $$ begin update public.orders set status = 'x'; n := 1; end $$;
