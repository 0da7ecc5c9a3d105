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

create policy notes_owner_insert on notes
    for insert
    with check (owner_id = nullif(current_setting('app.user_id', true), '')::bigint);
