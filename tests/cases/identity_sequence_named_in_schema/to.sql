create table customers (
    id bigint generated always as identity primary key,
    name text not null
);

-- The identity's sequence named in the schema (as pg_dump writes a sequence whose name is not
-- the default): the table is new, the engine creates it with the default name.
create table invoices (
    number integer generated always as identity (sequence name public.invoice_numbers start with 1000) primary key,
    customer_id bigint not null references customers (id),
    issued_on date not null default current_date
);
