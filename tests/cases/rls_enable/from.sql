create table notes (
    id bigint generated always as identity primary key,
    owner_id bigint not null,
    body text not null,
    is_public boolean not null default false
);
