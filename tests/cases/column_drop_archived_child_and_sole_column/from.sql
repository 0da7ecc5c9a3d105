-- no primary keys: a parent whose child adds a column of its own, and a table of one column
create table public.people (id int not null, name text);
create table public.staff (badge text not null) inherits (public.people);
create table public.blocked_ips (ip inet not null);
insert into public.people values (1, 'ana');
insert into public.staff values (2, 'bo', 'B-2'), (3, null, 'B-3'), (3, null, 'B-3b');
insert into public.blocked_ips values ('10.0.0.1'), ('10.0.0.1'), ('192.168.0.7');
