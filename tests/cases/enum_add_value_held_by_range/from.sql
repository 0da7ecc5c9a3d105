create type public.ticket_status as enum ('open', 'closed');
-- The statuses a ticket may pass through, in the enum's order.
create type public.status_span as range (subtype = public.ticket_status);
comment on type public.status_span is 'statuses a ticket may pass through';
revoke usage on type public.status_span from public;
grant usage on type public.status_span to app_reader;
create table public.tickets (
    id bigint generated always as identity primary key,
    title text not null,
    status public.ticket_status not null default 'open',
    allowed public.status_span not null default '[open,closed]',
    history public.status_span_multirange,
    -- no two tickets of one queue share a span (the range's own gist opclass: no extension)
    constraint tickets_allowed_excl exclude using gist (allowed with &&) where (title <> '')
);
create index tickets_allowed_lower_idx on public.tickets (lower(allowed));
create function public.may_close(s public.status_span) returns boolean
    language sql immutable as $$ select 'closed'::public.ticket_status <@ s $$;
create view public.closable as select id, title from public.tickets where public.may_close(allowed);
insert into public.tickets (title, status, allowed, history) values
    ('printer on fire', 'open', '[open,open]', '{[open,open]}'),
    ('coffee machine', 'closed', '[closed,closed]', '{[open,open],[closed,closed]}'),
    ('', 'open', 'empty', null);
