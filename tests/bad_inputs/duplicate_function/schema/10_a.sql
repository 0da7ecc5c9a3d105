create function public.f(a int) returns int language sql as $$ select a $$;
