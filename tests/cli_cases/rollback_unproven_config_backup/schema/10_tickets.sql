create type ticket_status as enum ('open', 'waiting', 'closed');
-- The enum's own order as an operator class of ours (PostgreSQL's enum operators): the range's
-- subtype operator class.
create operator class ticket_status_ops for type ticket_status using btree as
    operator 1 < (anyenum, anyenum), operator 2 <= (anyenum, anyenum), operator 3 = (anyenum, anyenum),
    operator 4 >= (anyenum, anyenum), operator 5 > (anyenum, anyenum),
    function 1 (ticket_status, ticket_status) enum_cmp(anyenum, anyenum);
-- The statuses a ticket may pass through, as a range in the enum's order.
create type status_span as range (subtype = ticket_status, subtype_opclass = ticket_status_ops);
create table tickets (
    id bigint generated always as identity primary key,
    title text not null,
    status ticket_status not null default 'open',
    allowed status_span,
    due_on date
);
