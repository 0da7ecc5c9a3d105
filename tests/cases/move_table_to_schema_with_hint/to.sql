create schema legacy;
create schema billing;
-- reconcile:renamed-from legacy.invoice
create table billing.invoices (id bigint primary key, total_cents integer not null);
