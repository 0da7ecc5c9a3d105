create type public.ticket_status as enum ('open', 'closed');
create table public.tickets (
    id bigint primary key,
    status public.ticket_status not null default 'open'
);
create view public.open_tickets as select id, status from public.tickets;
