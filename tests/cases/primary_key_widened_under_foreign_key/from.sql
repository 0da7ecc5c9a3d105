create table public.tenants (id bigint primary key, name text not null);
create table public.projects (tenant_id bigint not null references public.tenants, id bigint not null,
  title text, constraint projects_pkey primary key (id));
create table public.tasks (id bigint primary key, tenant_id bigint not null, project_id bigint not null,
  constraint tasks_project_fkey foreign key (project_id) references public.projects (id));
insert into public.tenants values (1, 'acme');
insert into public.projects values (1, 10, 'launch');
insert into public.tasks values (100, 1, 10);
