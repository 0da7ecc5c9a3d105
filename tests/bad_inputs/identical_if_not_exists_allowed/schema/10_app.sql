create schema if not exists app;
create table app.accounts (id int primary key);
