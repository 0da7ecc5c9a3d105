create table invoices (
    id integer primary key,
    customer text not null
);
