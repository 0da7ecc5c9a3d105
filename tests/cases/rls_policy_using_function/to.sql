create table notes (
    id bigint generated always as identity primary key,
    owner_id bigint not null,
    body text not null,
    is_public boolean not null default false
);

alter table notes enable row level security;

create function app_current_user_id()
returns bigint
language sql
stable
as $$
    select nullif(current_setting('app.user_id', true), '')::bigint
$$;

create policy notes_owner_all on notes
    for all
    using (owner_id = app_current_user_id())
    with check (owner_id = app_current_user_id());
