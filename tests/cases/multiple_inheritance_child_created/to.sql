-- A table that inherits from both mixins (CREATE TABLE … INHERITS (a, b)): it holds their columns
-- in INHERITS order (changed_by, in both, merged into one), then its own; the audited check
-- comes with it; it wants an owner where owned does not require one.
create table public.audited (
    changed_at timestamptz not null default '2025-01-01 00:00+00',
    changed_by text,
    constraint audited_changed_by_check check (changed_by <> '')
);
create table public.owned (
    owner_id bigint,
    changed_by text
);
create table public.documents (
    id bigint primary key,
    title text not null
) inherits (public.audited, public.owned);
alter table public.documents alter column owner_id set not null;
