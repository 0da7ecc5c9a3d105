-- documents inherits from owned too (ALTER TABLE … INHERIT): its rows show through both parents.
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
    title text,
    constraint owned_owner_check check (owner_id > 0)
) inherits (public.audited, public.owned);
