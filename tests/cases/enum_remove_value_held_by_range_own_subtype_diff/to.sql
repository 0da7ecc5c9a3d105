create type public.ticket_status as enum ('open', 'closed');
-- How far apart two statuses are, in the enum's order: the range's subtype_diff (GiST indexes on
-- the range split better with it).
create function public.status_distance(a public.ticket_status, b public.ticket_status) returns float8
    language sql immutable strict
    as $$ select (array_position(enum_range(null::public.ticket_status), a)
                  - array_position(enum_range(null::public.ticket_status), b))::float8 $$;
comment on function public.status_distance(public.ticket_status, public.ticket_status) is 'distance in enum order';
grant execute on function public.status_distance(public.ticket_status, public.ticket_status) to public;
-- The statuses a ticket may pass through, as a range in the enum's order.
create type public.status_span as range (subtype = public.ticket_status, subtype_diff = public.status_distance);
create table public.tickets (
    id bigint generated always as identity primary key,
    title text not null,
    status public.ticket_status not null default 'open',
    allowed public.status_span default '[open,closed]'
);
create index tickets_allowed_idx on public.tickets using gist (allowed);
-- A log of status changes, a typed table of a composite type over the enum.
create type public.status_change as (changed_at timestamptz, status public.ticket_status);
create table public.status_log of public.status_change (primary key (changed_at));
