-- The materialized views are renamed (one also moves to the reporting schema) with hints: their
-- rows, index, comment and grant stay; no re-creation, no refresh.
CREATE SCHEMA reporting;
CREATE TABLE public.sales (
    id integer PRIMARY KEY,
    sold_on date NOT NULL,
    amount numeric(10,2) NOT NULL
);
-- reconcile:renamed-from daily_totals
CREATE MATERIALIZED VIEW public.sales_by_day AS
    SELECT sold_on, sum(amount) AS total FROM public.sales GROUP BY sold_on;
CREATE UNIQUE INDEX daily_totals_day ON public.sales_by_day (sold_on);
COMMENT ON MATERIALIZED VIEW public.sales_by_day IS 'sales per day';
GRANT SELECT ON public.sales_by_day TO report_reader;
-- reconcile:renamed-from public.sale_count
CREATE MATERIALIZED VIEW reporting.sales_count AS SELECT count(*) AS n FROM public.sales;
