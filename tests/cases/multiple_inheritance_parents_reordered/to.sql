-- The same parents, owned first.
create table public.audited (changed_at timestamptz, changed_by text);
create table public.owned (owner_id bigint, changed_by text);
create table public.documents (id bigint primary key, title text) inherits (public.owned, public.audited);
