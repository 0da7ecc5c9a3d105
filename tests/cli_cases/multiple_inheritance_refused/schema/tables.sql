create table public.audited (changed_at timestamptz);
create table public.owned (owner_id bigint);
