create schema if not exists app;
create table app.invoices (id int primary key, account int references app.accounts);
