create table public.audit (id bigint not null, at timestamptz not null default now(), actor text not null,
  constraint audit_actor_check check (actor <> ''));
create table public.audit_billing (invoice int) inherits (public.audit);
