create table public.accounts (id bigint not null, region text not null, primary key (id, region)) partition by list (region);
create table public.accounts_eu partition of public.accounts for values in ('eu');
create table public.accounts_us partition of public.accounts for values in ('us');
-- the foreign key gets a copy per referenced partition (invoices_account_region_fkey1, …), named
-- in the order the partitions joined: described by the key on the parent alone
create table public.invoices (id bigint primary key, account bigint not null, region text not null,
  due date, foreign key (account, region) references public.accounts (id, region));
