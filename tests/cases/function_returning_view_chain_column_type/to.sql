create table public.events (
    id bigint primary key,
    kind text not null,
    attendees bigint not null,
    starts_at timestamptz not null
);
create view public.upcoming_events as
    select id, kind, attendees, starts_at from public.events where starts_at > '2020-01-01';
create view public.large_upcoming_events as
    select id, kind, attendees from public.upcoming_events where attendees > 100;
create function public.large_events_of(p_kind text) returns setof public.large_upcoming_events
    language sql stable
    as $$ select * from public.large_upcoming_events where kind = p_kind $$;
create view public.large_conferences as
    select * from public.large_events_of('conference');
