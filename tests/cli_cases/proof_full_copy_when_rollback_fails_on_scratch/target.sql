create type ticket_status as enum ('open', 'closed');
-- How far apart two statuses are, in the enum's order: the range's subtype_diff, in a schema of
-- helpers that reconcile does not manage (exclude_schemas: [util]).
create schema if not exists util;
create or replace function util.status_distance(a ticket_status, b ticket_status) returns float8
    language sql immutable strict
    as $$ select (array_position(enum_range(null::ticket_status), a) - array_position(enum_range(null::ticket_status), b))::float8 $$;
-- The statuses a ticket may pass through, as a range in the enum's order.
create type status_span as range (subtype = ticket_status, subtype_diff = util.status_distance);
create table tickets (
    id bigint generated always as identity primary key,
    title text not null,
    status ticket_status not null default 'open',
    allowed status_span
);
