-- documents stops inheriting from owned (ALTER TABLE … NO INHERIT) and keeps owned's columns as its
-- own, where they were; owned's check goes with owned.
create table public.audited (
    changed_at timestamptz not null default '2025-01-01 00:00+00',
    changed_by text
);
create table public.owned (
    owner_id bigint not null,
    changed_by text,
    constraint owned_owner_check check (owner_id > 0)
);
create table public.documents (
    owner_id bigint not null,
    id bigint primary key,
    title text
) inherits (public.audited);
