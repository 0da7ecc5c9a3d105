create table public.visits (site int not null, id bigint not null, day date not null, primary key (site, id, day)) partition by list (site);
create table public.visits_1 partition of public.visits for values in (1);
create table public.visits_2 partition of public.visits for values in (2);
