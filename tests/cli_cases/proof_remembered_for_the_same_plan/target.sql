create table invoices (
    id bigint generated always as identity primary key,
    customer text not null,
    total numeric(12, 2) not null
);
create index invoices_customer_idx on invoices (customer);
