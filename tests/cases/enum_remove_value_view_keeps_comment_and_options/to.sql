create type public.plan_tier as enum ('free', 'pro');
create table public.accounts (id bigint primary key, tier public.plan_tier not null);
create function public.is_paying(t public.plan_tier) returns boolean language sql immutable as $$ select t = 'pro' $$;
create view public.paying_accounts with (security_barrier) as select id, tier from public.accounts where public.is_paying(tier);
comment on view public.paying_accounts is 'accounts on a paid tier';
