create table public.readings (id bigint not null, sensor text not null, value numeric, taken timestamptz) partition by list (sensor);
create table public.readings_a partition of public.readings for values in ('a');
create table public.readings_b partition of public.readings for values in ('b');
create function public.stamp() returns trigger language plpgsql as $$ begin new.taken := coalesce(new.taken, now()); return new; end $$;
create function public.note_batch() returns trigger language plpgsql as $$ begin return null; end $$;
-- a row trigger on a partitioned table is cloned onto each partition (and onto partitions made later)
create trigger readings_stamp before insert on public.readings for each row execute function public.stamp();
-- a statement trigger is not
create trigger readings_batch after insert on public.readings for each statement execute function public.note_batch();
-- a partition's own trigger, and a clone disabled on one partition
create trigger readings_b_stamp_update before update on public.readings_b for each row execute function public.stamp();
alter table public.readings_a disable trigger readings_stamp;
create table public.readings_c partition of public.readings for values in ('c');
