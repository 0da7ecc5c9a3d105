create function public.g() returns int language sql as $$ select 2 $$;
create function f(a integer) returns int language sql as $$ select a + 1 $$;
