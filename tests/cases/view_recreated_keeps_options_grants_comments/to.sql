-- The orders table loses a column no view reads and re-types another: the engine drops and
-- re-creates the views over it, whose definitions do not change; they keep their options,
-- comments and grants.
CREATE TABLE public.orders (
    id integer PRIMARY KEY,
    customer text NOT NULL,
    total numeric(14,2) NOT NULL DEFAULT 0
);

CREATE VIEW public.big_orders WITH (security_barrier = true) AS
    SELECT id, customer, total FROM public.orders WHERE total > 5
    WITH CASCADED CHECK OPTION;
COMMENT ON VIEW public.big_orders IS 'orders over 5';
GRANT SELECT ON public.big_orders TO report_reader;

CREATE VIEW public.big_customers WITH (security_invoker = true) AS
    SELECT DISTINCT customer FROM public.big_orders;
COMMENT ON VIEW public.big_customers IS 'who orders big';
GRANT SELECT ON public.big_customers TO report_reader;
