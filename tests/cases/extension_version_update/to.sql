create extension if not exists hstore version '1.8';
create table listings (
    id bigint generated always as identity primary key,
    attributes hstore not null default ''
);
