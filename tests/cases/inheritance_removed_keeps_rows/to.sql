create table public.base_log (id bigint, msg text);
create table public.child_log (id bigint, msg text, extra int);
