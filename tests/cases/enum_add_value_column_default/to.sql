create type public.ticket_state as enum ('open', 'closed', 'archived');
create table public.tickets (id bigint primary key, state public.ticket_state not null default 'open');
