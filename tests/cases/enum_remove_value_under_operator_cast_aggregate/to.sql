create type public.priority as enum ('low', 'medium', 'high');
-- A priority's weight, and the ordering by weight that an operator, a cast and an aggregate use.
create function public.priority_weight(p public.priority) returns integer
    language sql immutable strict as $$select array_position(enum_range(null::public.priority), p)$$;
create function public.priority_heavier(a public.priority, b public.priority) returns boolean
    language sql immutable strict as 'select public.priority_weight(a) > public.priority_weight(b)';
create operator public.>>> (leftarg = public.priority, rightarg = public.priority,
                            function = public.priority_heavier);
comment on operator public.>>> (public.priority, public.priority) is 'heavier than';
create cast (public.priority as integer) with function public.priority_weight(public.priority);
create function public.priority_max(acc public.priority, p public.priority) returns public.priority
    language sql immutable as 'select case when acc is null or p operator(public.>>>) acc then p else acc end';
create aggregate public.heaviest(public.priority) (sfunc = public.priority_max, stype = public.priority);
create table public.task (
    id integer primary key,
    title text not null,
    level public.priority not null default 'low'
);
create view public.heaviest_task_level as select public.heaviest(level) as level from public.task;
