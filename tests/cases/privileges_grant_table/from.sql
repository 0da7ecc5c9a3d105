create table accounts (
    id integer primary key,
    email text not null,
    password_hash text not null
);
grant select on accounts to app_reader;
