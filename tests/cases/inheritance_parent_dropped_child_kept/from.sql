-- A child of one parent, both with rows.
create table public.base_log (id bigint, msg text);
create table public.child_log (extra int) inherits (public.base_log);
insert into public.base_log values (1, 'base');
insert into public.child_log values (2, 'child', 7);
