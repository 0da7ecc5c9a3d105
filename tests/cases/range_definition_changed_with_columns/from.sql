-- A reading's span of hours, as a range of double precision (CREATE TYPE … AS RANGE).
create type public.hour_span as range (subtype = float8);
comment on type public.hour_span is 'a span of hours';
create function public.hour_diff(a float8, b float8) returns float8
    language sql immutable strict as 'select a - b';
create table public.shift (
    id integer primary key,
    worker text not null,
    hours public.hour_span not null default '[9,17)',
    breaks public.hour_span_multirange,
    -- no two shifts of a worker overlap
    exclude using gist (hours with &&) where (worker <> 'nobody')
);
create index shift_hours_idx on public.shift using gist (hours);
create view public.long_shifts as
    select id, worker, upper(hours) - lower(hours) as length from public.shift where upper(hours) - lower(hours) > 8;
create function public.shift_length(s public.hour_span) returns float8
    language sql immutable as 'select upper(s) - lower(s)';
grant usage on type public.hour_span to public;
insert into public.shift values
    (1, 'ada', '[0,8)', '{[4,5)}'),
    (2, 'bob', '[20,22)', null),
    (3, 'cy', default, '{[10,10.5),[15,15.25)}');
