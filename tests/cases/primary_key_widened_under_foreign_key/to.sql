-- A primary key widened to (tenant_id, id) while a foreign key from another table references it:
-- the foreign key is dropped, the key re-created and the foreign key added over both columns.
create table public.tenants (id bigint primary key, name text not null);
create table public.projects (tenant_id bigint not null references public.tenants, id bigint not null,
  title text, constraint projects_pkey primary key (tenant_id, id));
create table public.tasks (id bigint primary key, tenant_id bigint not null, project_id bigint not null,
  constraint tasks_project_fkey foreign key (tenant_id, project_id) references public.projects (tenant_id, id));
