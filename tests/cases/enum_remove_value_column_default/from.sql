create type public.ticket_state as enum ('open', 'pending', 'closed');
create table public.tickets (id bigint primary key, state public.ticket_state not null default 'open');
insert into public.tickets values (1, 'open'), (2, 'closed');
