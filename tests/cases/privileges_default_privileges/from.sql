create schema app;
alter default privileges in schema app grant select on tables to app_auditor;
create table app.customers (
    id integer primary key,
    name text not null
);
