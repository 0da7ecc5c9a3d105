create table public.users (id bigint primary key);
-- reconcile:renamed-from old_fn
create function public.f() returns int language sql as 'select 1';
