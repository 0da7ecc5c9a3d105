create type public.ticket_status as enum ('open', 'closed');
-- A status change as one value: when and to what.
create type public.status_change as (changed_at timestamptz, status public.ticket_status);
comment on type public.status_change is 'when a ticket changed status, and to what';
comment on column public.status_change.status is 'the status it changed to';
revoke usage on type public.status_change from public;
grant usage on type public.status_change to app_reader;
create table public.tickets (
    id bigint generated always as identity primary key,
    title text not null,
    status public.ticket_status not null default 'open',
    last_change public.status_change not null default (row('2024-01-01 00:00:00+00', 'open')::public.status_change),
    history public.status_change[] not null default '{}',
    constraint tickets_last_change_not_waiting check ((last_change).status is not null)
);
create index tickets_last_change_status_idx on public.tickets (((last_change).status));
create function public.changed_to(c public.status_change) returns public.ticket_status
    language sql immutable as $$ select c.status $$;
create view public.ticket_changes as
    select id, (last_change).changed_at, public.changed_to(last_change) as status from public.tickets;
