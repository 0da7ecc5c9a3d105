create table users (
    id bigint generated always as identity primary key,
    email text not null
);

comment on table users is 'People who sign in';
