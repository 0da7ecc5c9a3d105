create table documents (
    id integer primary key,
    owner_id bigint not null,
    revision bigint not null default 1,
    title text not null
);

alter table documents enable row level security;
create policy documents_owner on documents
    using (owner_id = current_setting('app.user_id', true)::integer);

create function documents_touch() returns trigger
    language plpgsql
    as $$ begin new.title := btrim(new.title); return new; end $$;

create trigger documents_touch before update on documents
    for each row when (old.revision is distinct from new.revision)
    execute function documents_touch();

