create table public.audit (id bigint not null, at timestamptz not null default now(), actor text not null,
  constraint audit_actor_check check (actor <> ''));
create table public.audit_billing (id bigint not null, at timestamptz not null default now(), actor text not null, invoice int);
insert into public.audit_billing values (1, '2025-01-01 00:00+00', 'ann', 7);
