create type public.ticket_status as enum ('open', 'waiting', 'closed');
-- A status a reviewer sets: never 'open'.
create domain public.reviewed_status as public.ticket_status check (value <> 'open');
-- A status change as one value: when, to what, and what the reviewer said.
create type public.status_change as (
    changed_at timestamptz,
    status public.ticket_status,
    reviewed public.reviewed_status
);
comment on type public.status_change is 'when a ticket changed status, and to what';
-- The log of status changes is a table of that type (its columns follow the type).
create table public.status_log of public.status_change (
    primary key (changed_at),
    status with options not null default 'open',
    reviewed with options default 'closed'
);
comment on table public.status_log is 'every status change';
create index status_log_status_idx on public.status_log (status);
create view public.closed_changes as select changed_at from public.status_log where status = 'closed';
insert into public.status_log values
    ('2024-03-01 10:00:00+00', 'open', null),
    ('2024-03-02 11:00:00+00', 'closed', null),
    ('2024-03-03 12:00:00+00', 'closed', 'closed');
