-- The referenced primary key changes (INCLUDE, fillfactor) while the foreign key on it stays the same:
-- PostgreSQL refuses to drop the key under it, so the foreign key is dropped first and added again.
create table public.tenants (id bigint primary key, name text not null);
create table public.projects (id bigint not null, tenant_id bigint not null references public.tenants,
  title text, constraint projects_pkey primary key (id) include (title) with (fillfactor = 80));
create table public.tasks (id bigint primary key, project_id bigint not null,
  constraint tasks_project_fkey foreign key (project_id) references public.projects (id));
