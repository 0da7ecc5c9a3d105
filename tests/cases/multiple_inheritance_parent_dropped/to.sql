-- owned goes; documents keeps its columns as its own, where they were.
create table public.audited (changed_at timestamptz, changed_by text);
create table public.documents (owner_id bigint, id bigint primary key, title text) inherits (public.audited);
