create type public.plan_tier as enum ('free', 'legacy', 'pro');
revoke usage on type public.plan_tier from public;
grant usage on type public.plan_tier to app_reader;
create table public.accounts (id bigint primary key, tier public.plan_tier not null);
create function public.is_paying(t public.plan_tier) returns boolean language sql immutable as $$ select t = 'pro' $$;
revoke execute on function public.is_paying(public.plan_tier) from public;
grant execute on function public.is_paying(public.plan_tier) to app_reader;
create view public.paying_accounts as select id, tier from public.accounts where public.is_paying(tier);
grant select on public.paying_accounts to app_reader;
