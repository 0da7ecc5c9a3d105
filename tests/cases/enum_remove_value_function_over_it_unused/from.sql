create type public.mood as enum ('sad', 'ok', 'happy');
create function public.mood_rank(m public.mood) returns integer language sql immutable strict
    as $$ select array_position(enum_range(null::public.mood), m) $$;
