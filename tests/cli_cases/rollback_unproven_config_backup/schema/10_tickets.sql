create type ticket_status as enum ('open', 'waiting', 'closed');
-- The statuses a ticket may pass through, as a range in the enum's order.
create type status_span as range (subtype = ticket_status);
create table tickets (
    id bigint generated always as identity primary key,
    title text not null,
    status ticket_status not null default 'open',
    allowed status_span,
    due_on date
);
