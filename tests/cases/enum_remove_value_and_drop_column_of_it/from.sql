create type public.ticket_status as enum ('open', 'waiting', 'closed');
create table public.tickets (
    id bigint primary key,
    status public.ticket_status not null default 'open',
    previous_status public.ticket_status
);
insert into public.tickets values (1, 'open', 'waiting'), (2, 'closed', 'open'), (3, 'open', null);
