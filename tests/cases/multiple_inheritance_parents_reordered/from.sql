-- documents inherits from audited, then owned (changed_by merged from both), with rows.
create table public.audited (changed_at timestamptz, changed_by text);
create table public.owned (owner_id bigint, changed_by text);
create table public.documents (id bigint primary key, title text) inherits (public.audited, public.owned);
insert into public.documents values ('2025-02-01 00:00+00', 'ann', 7, 1, 'spec');
