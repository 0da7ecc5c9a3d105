create table public.audited (changed_at timestamptz);
create table public.owned (owner_id bigint);
create table public.documents (id bigint primary key, title text, owner_id bigint) inherits (public.audited);
