create type public.ticket_status as enum ('open', 'closed');
-- A status a ticket may be planned for.
create domain public.planned_status as public.ticket_status not null;
-- A span of planned statuses, over the domain.
create type public.plan_span as range (subtype = public.planned_status);
comment on type public.plan_span is 'statuses a ticket is planned to pass through';
-- A plan as one value: its span and when it was made.
create type public.ticket_plan as (span public.plan_span, made_at timestamptz);
create table public.tickets (
    id bigint generated always as identity primary key,
    plan public.ticket_plan,
    spans public.plan_span_multirange[] not null default '{}'
);
