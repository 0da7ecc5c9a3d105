create table public.vehicles (id bigint primary key, plate text, retired boolean);
create table public.trucks (axles int not null default 2, primary key (id)) inherits (public.vehicles);
create table public.buses (seats int, primary key (id)) inherits (public.vehicles);
insert into public.vehicles values (1, 'V-1', false);
insert into public.trucks values (2, 'T-1', true, 3);
insert into public.buses values (3, 'B-1', false, 40);
