create type public.ticket_status as enum ('open', 'waiting', 'closed');
create domain public.open_status as public.ticket_status default 'open' check (value <> 'closed');
-- A composite type over the domain, which the plan drops too, and a column of it that goes.
create type public.status_note as (status public.open_status, note text);
create table public.tickets (
    id bigint primary key,
    status public.open_status not null,
    note public.status_note
);
create view public.open_tickets as select id, status from public.tickets;
insert into public.tickets values (1, 'open', row('open', 'new')), (2, 'open', null);
