-- Procedures whose bodies change (PL/pgSQL and a SQL-standard body), one also gaining SET and SECURITY DEFINER.
create table public.orders (id bigint primary key, status text not null default 'open', closed_at timestamptz);
create procedure public.close_stale(days int)
  language plpgsql
  security definer
  set search_path = public, pg_temp
  as $$
begin
  update public.orders set status = 'closed', closed_at = now()
   where status = 'open' and closed_at is null;
  commit;
end
$$;
create procedure public.touch(in o_id bigint, inout n int)
  language sql
  begin atomic
    update public.orders set closed_at = now(), status = 'touched' where id = o_id;
    select 2;
  end;
