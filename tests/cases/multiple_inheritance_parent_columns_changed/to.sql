-- The second parent gains a column, both parents gain the same one (the child holds it through
-- both), and the view reads the new column of the second parent.
create table public.audited (
    changed_at timestamptz not null default '2025-01-01 00:00+00',
    changed_by text,
    tenant text not null default 'main'
);
create table public.owned (
    owner_id bigint not null,
    owner_team text,
    tenant text not null default 'main'
);
create table public.documents (
    id bigint primary key,
    title text
) inherits (public.audited, public.owned);
create view public.document_owners as select id, title, owner_id, owner_team from public.documents;
