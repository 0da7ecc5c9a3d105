create table documents (
    id integer primary key,
    title text not null
);

create table document_audit (
    id bigint generated always as identity primary key,
    document_id integer not null,
    operation text not null,
    at timestamptz not null default now()
);

create function log_document_change()
returns trigger
language plpgsql
as $$
begin
    insert into document_audit (document_id, operation) values (coalesce(new.id, old.id), tg_op);
    return coalesce(new, old);
end;
$$;

create trigger documents_audit
    after insert or update on documents
    for each row execute function log_document_change();
