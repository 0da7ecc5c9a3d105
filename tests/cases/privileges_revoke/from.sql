create table invoices (
    id integer primary key,
    total_cents bigint not null,
    note text
);
grant select, insert, update, delete on invoices to app_writer;
grant select on invoices to app_reader with grant option;
grant select (id, total_cents), update (note) on invoices to app_auditor;

create function invoice_total(p_id integer) returns bigint
language sql stable
as $$ select total_cents from invoices where id = p_id $$;
grant execute on function invoice_total(integer) to app_reader;

create procedure purge_invoices()
language sql
as $$ delete from invoices where total_cents = 0 $$;
