create table public.devices (id bigint primary key, name text);
insert into public.devices values (1, 'sensor');
