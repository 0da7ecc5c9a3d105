create table public.accounts (id bigint not null, region text not null, name text, primary key (id, region)) partition by list (region);
create table public.accounts_eu partition of public.accounts for values in ('eu');
-- the new partition holds the parent's key (accounts_us_pkey) only through the parent
create table public.accounts_us partition of public.accounts for values in ('us');
create index accounts_name_idx on public.accounts (name);
