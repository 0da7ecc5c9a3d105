create type mood as enum ('calm', 'angry');
create table users (
    id bigint generated always as identity primary key,
    email text not null,
    mood mood not null default 'calm'
);
create index users_email_idx on users (email);
