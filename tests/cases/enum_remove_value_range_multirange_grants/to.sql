create type public.ticket_status as enum ('open', 'closed');
create type public.status_span as range (subtype = public.ticket_status);
-- PostgreSQL 14 to 16 let a multirange have privileges of its own (17 refuses them).
revoke usage on type public.status_span_multirange from public;
grant usage on type public.status_span_multirange to app_reader;
create table public.tickets (id int primary key, history public.status_span_multirange);
