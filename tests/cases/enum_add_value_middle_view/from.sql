create type public.priority as enum ('low', 'high');
create table public.tasks (id bigint primary key, priority public.priority not null);
create view public.urgent_tasks as select id from public.tasks where priority = 'high';
insert into public.tasks values (1, 'low'), (2, 'high');
