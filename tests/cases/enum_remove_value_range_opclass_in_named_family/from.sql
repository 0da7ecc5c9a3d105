create type public.ticket_status as enum ('open', 'waiting', 'closed');
create operator family public.status_family using btree;
create operator class public.ticket_status_ops for type public.ticket_status using btree family public.status_family as
    operator 1 < (anyenum, anyenum), operator 2 <= (anyenum, anyenum), operator 3 = (anyenum, anyenum),
    operator 4 >= (anyenum, anyenum), operator 5 > (anyenum, anyenum),
    function 1 (public.ticket_status, public.ticket_status) enum_cmp(anyenum, anyenum);
create type public.status_span as range (subtype = public.ticket_status, subtype_opclass = public.ticket_status_ops);
create table public.tickets (id int primary key, allowed public.status_span);
insert into public.tickets values (1, '[open,closed]'), (2, null);
