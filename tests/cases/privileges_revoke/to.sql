create table invoices (
    id integer primary key,
    total_cents bigint not null,
    note text
);
grant select, insert on invoices to app_writer;
grant select on invoices to app_reader;
grant select (id) on invoices to app_auditor;

create function invoice_total(p_id integer) returns bigint
language sql stable
as $$ select total_cents from invoices where id = p_id $$;
-- only the reader may call it: PUBLIC's built-in EXECUTE is revoked
revoke execute on function invoice_total(integer) from public;
grant execute on function invoice_total(integer) to app_reader;

create procedure purge_invoices()
language sql
as $$ delete from invoices where total_cents = 0 $$;
revoke all on procedure purge_invoices() from public;
grant execute on procedure purge_invoices() to app_writer;
