create table public.visits (site int not null, id bigint not null, day date not null, primary key (id, site)) partition by list (site);
create table public.visits_1 partition of public.visits for values in (1);
create table public.visits_2 partition of public.visits for values in (2);
insert into public.visits values (1, 10, '2025-01-01'), (2, 10, '2025-01-02');
