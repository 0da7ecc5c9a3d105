create table invoices (
    id bigint generated always as identity primary key,
    customer text not null,
    total numeric(12, 2) not null,
    paid_at timestamptz
);
create index invoices_customer_idx on invoices (customer);
create index invoices_unpaid_idx on invoices (customer) where paid_at is null;
