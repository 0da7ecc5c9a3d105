create table users (
    id bigint generated always as identity primary key,
    email text not null,
    created_at timestamptz not null default now()
);

create schema billing;

create table billing.invoices (
    id bigint generated always as identity primary key,
    customer_email text not null,
    amount_cents bigint not null,
    issued_at timestamptz not null default now()
);

create index invoices_customer_email_idx on billing.invoices (customer_email);

create view billing.recent_invoices as
    select id, customer_email, amount_cents
    from billing.invoices
    where issued_at > now() - interval '30 days';
