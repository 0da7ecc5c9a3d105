create type public.priority as enum ('low', 'medium', 'high');
create table public.tasks (id bigint primary key, priority public.priority not null);
create view public.urgent_tasks as select id from public.tasks where priority = 'high';
