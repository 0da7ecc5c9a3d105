create table public.projects (id bigint primary key, name text not null);

create type public.priority as enum ('low', 'normal', 'high');
create domain public.currency_code as text check (value ~ '^[A-Z]{3}$');
create domain public.urgent_priority as public.priority check (value <> 'low');
create type public.money_amount as (amount numeric(12,2), currency public.currency_code);
create type public.budget_line as (label text, cost public.money_amount, level public.priority);

create table public.tasks (
    id bigint primary key,
    project_id bigint not null references public.projects (id),
    title text not null,
    level public.urgent_priority
);

create function public.task_label(t public.tasks) returns text
    language sql immutable
    as $$ select t.title || ' (' || coalesce(t.level::text, 'none') || ')' $$;

create function public.open_tasks(p public.projects) returns setof public.tasks
    language sql stable
    as $$ select * from public.tasks where project_id = p.id $$;

create function public.line_total(lines public.budget_line[]) returns numeric
    language sql immutable
    as $$ select sum((l.cost).amount) from unnest(lines) as l $$;

-- A type over a table's row type, and a domain over a composite type.
create type public.task_batch as (owner text, items public.tasks[]);
create domain public.positive_amount as public.money_amount check ((value).amount >= 0);
create table public.expenses (id bigint primary key, amount public.positive_amount not null);
