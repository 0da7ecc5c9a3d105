-- A child of two parents, with rows, and a view over it.
create table public.audited (
    changed_at timestamptz not null default '2025-01-01 00:00+00',
    changed_by text
);
create table public.owned (
    owner_id bigint not null
);
create table public.documents (
    id bigint primary key,
    title text
) inherits (public.audited, public.owned);
insert into public.documents values ('2025-02-01 00:00+00', 'ann', 7, 1, 'spec'), ('2025-02-02 00:00+00', 'bob', 8, 2, 'memo');
create view public.document_owners as select id, title, owner_id from public.documents;
