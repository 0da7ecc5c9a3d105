create table public.users (id int primary key, name text);
insert into public.users values (1, 'alice');
