create table public.vehicles (id bigint primary key, plate text, registered date default '2020-01-01');
create table public.trucks (axles int not null default 2, primary key (id)) inherits (public.vehicles);
create table public.buses (seats int, primary key (id)) inherits (public.vehicles);
