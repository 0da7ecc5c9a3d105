create schema billing;
create sequence billing.invoice_no;
create type billing.status as enum ('open', 'paid');
create domain billing.cents as bigint check (value >= 0);
