create extension hstore version '1.7';
create table listings (
    id bigint generated always as identity primary key,
    attributes hstore not null default ''
);
