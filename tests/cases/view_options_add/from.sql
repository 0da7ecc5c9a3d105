create table documents (
    id bigint generated always as identity primary key,
    owner text not null,
    is_public boolean not null default false,
    title text not null
);

create view public_documents as
    select id, owner, title from documents where is_public;

create view my_documents as
    select id, title, is_public from documents where owner = current_user;
