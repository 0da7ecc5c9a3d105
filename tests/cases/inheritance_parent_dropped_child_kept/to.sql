-- The parent goes; the child stays, with its columns as its own.
create table public.child_log (id bigint, msg text, extra int);
