create type ticket_status as enum ('open', 'waiting', 'closed');
-- A status change as one value: when and to what.
create type status_change as (changed_at timestamptz, status ticket_status);
create table tickets (
    id bigint generated always as identity primary key,
    title text not null,
    status ticket_status not null default 'open',
    last_change status_change,
    due_on date
);
