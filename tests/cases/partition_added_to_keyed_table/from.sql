create table public.accounts (id bigint not null, region text not null, name text, primary key (id, region)) partition by list (region);
create table public.accounts_eu partition of public.accounts for values in ('eu');
insert into public.accounts values (1, 'eu', 'Ada');
