create table invoices (
    id serial primary key,
    customer text not null
);
