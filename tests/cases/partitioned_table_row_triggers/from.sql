create table public.readings (id bigint not null, sensor text not null, value numeric, taken timestamptz) partition by list (sensor);
create table public.readings_a partition of public.readings for values in ('a');
create table public.readings_b partition of public.readings for values in ('b');
create function public.stamp() returns trigger language plpgsql as $$ begin new.taken := coalesce(new.taken, now()); return new; end $$;
create function public.note_batch() returns trigger language plpgsql as $$ begin return null; end $$;
insert into public.readings values (1, 'a', 1.5, '2025-01-01'), (2, 'b', 2.5, '2025-01-02');
