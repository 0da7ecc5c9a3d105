-- Invoices keyed by a plain integer, with a legacy NOT NULL column.
CREATE TABLE public.invoices (
    id integer PRIMARY KEY,
    issued_on date NOT NULL,
    legacy_code text NOT NULL
);
INSERT INTO public.invoices VALUES (1, '2026-01-05', 'A-1'), (2, '2026-02-07', 'B-2');
