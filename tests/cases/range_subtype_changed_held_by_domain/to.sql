-- Ticket numbers as ranges of bigint.
create type public.ticket_span as range (subtype = bigint);
-- A span that starts at 1 or later.
create domain public.positive_span as public.ticket_span check (lower(value) >= 1);
comment on domain public.positive_span is 'tickets from 1 on';
create type public.batch as (label text, span public.positive_span);
create table public.ticket_batch (
    id bigint generated always as identity primary key,
    batch public.batch,
    span public.ticket_span not null default '[1,100)',
    spans public.ticket_span_multirange default '{}'
);
create function public.batch_size(s public.ticket_span) returns bigint
    language sql immutable as 'select upper(s)::bigint - lower(s)';
create view public.big_batches as select id, public.batch_size(span) as size from public.ticket_batch;
