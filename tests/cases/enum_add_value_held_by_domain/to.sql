create type public.ticket_status as enum ('open', 'waiting', 'closed');
-- Domains over the enum: one with a check and a default, one over that one (NOT NULL).
create domain public.open_status as public.ticket_status default 'open'
    constraint open_status_not_closed check (value <> 'closed');
create domain public.required_open_status as public.open_status not null;
comment on domain public.open_status is 'a status a ticket may still have while open';
comment on constraint open_status_not_closed on domain public.open_status is 'closed tickets are not open';
revoke usage on domain public.open_status from public;
grant usage on domain public.open_status to app_reader;
-- A composite type holding the domain.
create type public.open_change as (changed_at timestamptz, status public.open_status);
create table public.open_tickets (
    id bigint primary key,
    status public.required_open_status,
    previous public.open_status[] not null default '{}',
    last_change public.open_change
);
create index open_tickets_status_idx on public.open_tickets (status);
create function public.is_open(s public.open_status) returns boolean
    language sql immutable as $$ select s::text = 'open' $$;
create view public.still_open_tickets as select id, status from public.open_tickets where public.is_open(status);
