create table documents (
    id bigint generated always as identity primary key,
    owner_id bigint not null,
    team_id bigint,
    body text not null
);

alter table documents enable row level security;

create policy documents_owner on documents
    for all
    using (owner_id = nullif(current_setting('app.user_id', true), '')::bigint);

comment on policy documents_owner on documents is 'owners see and change their documents';
