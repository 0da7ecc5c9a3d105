-- postgres_fdw (its documentation's setup): a server moved to another host and port, its user
-- mapping's password changed (never printed: apply reads it from RECONCILE_SECRET_SALES_PUBLIC_PASSWORD),
-- a foreign table with table and column options, a view over it, comments.
CREATE EXTENSION IF NOT EXISTS postgres_fdw;
CREATE SERVER sales FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db2.internal', port '5433', dbname 'sales');
COMMENT ON SERVER sales IS 'the sales database, read-only';
CREATE USER MAPPING FOR PUBLIC SERVER sales OPTIONS (user 'reader', password 'new-secret');
CREATE TABLE public.region (region_id int PRIMARY KEY, name text NOT NULL);
CREATE FOREIGN TABLE public.remote_order (
  order_id bigint NOT NULL,
  region_id int OPTIONS (column_name 'region'),
  total numeric(12,2)
) SERVER sales OPTIONS (schema_name 'public', table_name 'orders', fetch_size '1000');
COMMENT ON FOREIGN TABLE public.remote_order IS 'orders, as the sales database has them';
CREATE VIEW public.region_total AS
  SELECT r.name, o.total FROM public.region r JOIN public.remote_order o ON o.region_id = r.region_id;
GRANT USAGE ON FOREIGN SERVER sales TO report_reader;
