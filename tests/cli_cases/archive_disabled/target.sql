create table public.users (id bigint primary key, legacy_notes text);
create table public.audit_log (id bigint primary key);
