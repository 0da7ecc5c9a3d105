create type public.status as enum ('draft', 'archived', 'active');

create table public.documents (
    id bigint primary key,
    status public.status not null default 'draft',
    history public.status[] not null default '{draft}',
    constraint documents_archived_have_ids check (status <> 'archived' or id > 0)
);

create index documents_active_idx on public.documents (id) where status = 'active';

create view public.active_documents as
    select id, status from public.documents where status = 'active';

create view public.active_document_count as
    select count(*) as n from public.active_documents;

create function public.is_visible(s public.status) returns boolean
    language sql immutable
    as $$ select s in ('active', 'archived') $$;

create function public.latest_status(doc_id bigint) returns public.status
    language sql stable
    as $$ select status from public.documents where id = doc_id $$;

create view public.visible_documents as
    select id from public.documents where public.is_visible(status);
