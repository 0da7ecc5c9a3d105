create type public.ticket_status as enum ('open', 'waiting', 'closed');
-- The enum's own order as an operator class of ours (PostgreSQL's enum operators): the range's
-- subtype operator class.
create operator class public.ticket_status_ops for type public.ticket_status using btree as
    operator 1 < (anyenum, anyenum), operator 2 <= (anyenum, anyenum), operator 3 = (anyenum, anyenum),
    operator 4 >= (anyenum, anyenum), operator 5 > (anyenum, anyenum),
    function 1 (public.ticket_status, public.ticket_status) enum_cmp(anyenum, anyenum);
comment on operator class public.ticket_status_ops using btree is 'statuses in enum order';
-- The statuses a ticket may pass through, as a range in the enum's order.
create type public.status_span as range (subtype = public.ticket_status, subtype_opclass = public.ticket_status_ops);
create table public.tickets (
    id bigint generated always as identity primary key,
    title text not null,
    status public.ticket_status not null default 'open',
    allowed public.status_span
);
insert into public.tickets (title, status, allowed) values
    ('first', 'open', '[open,closed]'), ('second', 'closed', '[closed,closed]'), ('third', 'open', null);
