create table public.accounts (id bigint not null, region text not null, primary key (id, region)) partition by list (region);
-- the partitions joined in another order than schema/ creates them
create table public.accounts_us partition of public.accounts for values in ('us');
create table public.accounts_eu (id bigint not null, region text not null);
alter table public.accounts attach partition public.accounts_eu for values in ('eu');
create table public.invoices (id bigint primary key, account bigint not null, region text not null,
  foreign key (account, region) references public.accounts (id, region));
insert into public.accounts values (1, 'eu'), (2, 'us');
insert into public.invoices values (10, 1, 'eu'), (11, 2, 'us');
