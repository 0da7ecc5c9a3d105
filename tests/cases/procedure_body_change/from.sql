create table public.orders (id bigint primary key, status text not null default 'open', closed_at timestamptz);
create procedure public.close_stale(days int)
  language plpgsql
  as $$
begin
  update public.orders set status = 'closed' where status = 'open';
end
$$;
create procedure public.touch(in o_id bigint, inout n int)
  language sql
  begin atomic
    update public.orders set closed_at = now() where id = o_id;
    select 1;
  end;
