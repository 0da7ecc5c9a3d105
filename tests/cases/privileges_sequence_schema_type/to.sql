create schema billing;
grant usage on schema billing to app_reader;
grant usage, create on schema billing to app_writer;

create sequence billing.invoice_no;
grant usage, select on sequence billing.invoice_no to app_writer;
grant select on sequence billing.invoice_no to app_reader;

-- types are USAGE to PUBLIC by default: keep them to the app's roles
create type billing.status as enum ('open', 'paid');
revoke usage on type billing.status from public;
grant usage on type billing.status to app_reader, app_writer;

create domain billing.cents as bigint check (value >= 0);
revoke all on domain billing.cents from public;
grant usage on domain billing.cents to app_writer;

create sequence billing.receipt_no;
grant usage on sequence billing.receipt_no to app_writer;
