-- Two parents in different schemas, each with a check of the same name and definition (merged into
-- one on their children, held through both), and two children that list them in an order that is
-- not their names': a child's parents, and so its columns, follow INHERITS. The second child has a
-- default of its own on a column it holds only through its parents, and a column of its own that
-- one parent has too (merged: its own and inherited).
create schema meta;
create table meta.tracked (
    id bigint not null,
    recorded_at timestamptz not null default '2025-01-01 00:00+00',
    note text,
    constraint positive_id check (id > 0)
);
create table public.owned (
    id bigint not null,
    owner text not null default 'nobody',
    constraint positive_id check (id > 0)
);
create table public.archive (
    archived boolean not null default false
) inherits (public.owned, meta.tracked);
create table public.a_report (
    note text,
    title text
) inherits (meta.tracked, public.owned);
alter table public.a_report alter column owner set default 'reports';
create view public.report_titles as select id, owner, title from public.a_report;
