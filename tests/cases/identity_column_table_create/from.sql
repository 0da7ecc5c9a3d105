create table accounts (
    code text primary key
);
