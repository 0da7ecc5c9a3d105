-- A reporting view over an orders table, with options, a grant and a comment; a second view reads it.
CREATE TABLE public.orders (
    id integer PRIMARY KEY,
    customer text NOT NULL,
    note text,
    total numeric(12,2) NOT NULL DEFAULT 0
);
INSERT INTO public.orders VALUES (1, 'ada', 'first', 10), (2, 'bob', NULL, 20);

CREATE VIEW public.big_orders WITH (security_barrier = true) AS
    SELECT id, customer, total FROM public.orders WHERE total > 5
    WITH CASCADED CHECK OPTION;
COMMENT ON VIEW public.big_orders IS 'orders over 5';
GRANT SELECT ON public.big_orders TO report_reader;

CREATE VIEW public.big_customers WITH (security_invoker = true) AS
    SELECT DISTINCT customer FROM public.big_orders;
COMMENT ON VIEW public.big_customers IS 'who orders big';
GRANT SELECT ON public.big_customers TO report_reader;
