-- Daily sales rolled up in a materialized view with a unique index (for REFRESH … CONCURRENTLY), a
-- comment and a grant; a second one in another schema.
CREATE SCHEMA reporting;
CREATE TABLE public.sales (
    id integer PRIMARY KEY,
    sold_on date NOT NULL,
    amount numeric(10,2) NOT NULL
);
INSERT INTO public.sales VALUES (1, '2026-01-01', 10), (2, '2026-01-01', 5), (3, '2026-01-02', 7);
CREATE MATERIALIZED VIEW public.daily_totals AS
    SELECT sold_on, sum(amount) AS total FROM public.sales GROUP BY sold_on;
CREATE UNIQUE INDEX daily_totals_day ON public.daily_totals (sold_on);
COMMENT ON MATERIALIZED VIEW public.daily_totals IS 'sales per day';
GRANT SELECT ON public.daily_totals TO report_reader;
CREATE MATERIALIZED VIEW public.sale_count AS SELECT count(*) AS n FROM public.sales;
