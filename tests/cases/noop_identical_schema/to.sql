create table users (
    id bigint generated always as identity primary key,
    email text not null,
    created_at timestamptz not null default now()
);

create table notes (
    id bigint generated always as identity primary key,
    owner_id bigint not null,
    body text not null,
    is_public boolean not null default false
);

alter table notes enable row level security;

create policy notes_owner_select on notes
    for select
    using (owner_id = nullif(current_setting('app.user_id', true), '')::bigint);

create table documents (
    id integer primary key,
    title text not null,
    updated_at timestamptz not null default now()
);

create function set_updated_at()
returns trigger
language plpgsql
as $$
begin
    new.updated_at := now();
    return new;
end;
$$;

create trigger documents_set_updated_at
    before update on documents
    for each row execute function set_updated_at();

create index notes_owner_id_idx on notes (owner_id);

create view public_notes as
    select id, body from notes where is_public;
