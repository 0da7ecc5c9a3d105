create table accounts (id bigint primary key, name text not null);
create table invoices (
    id bigint primary key,
    account_id bigint not null references accounts (id),
    amount_cents integer not null,
    constraint invoices_amount_positive check (amount_cents > 0)
);
