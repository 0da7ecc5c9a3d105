-- A rental shop's payments, split by year the old way (inheritance children) before routing rules.
CREATE TABLE public.payment (payment_id int NOT NULL, amount numeric(5,2) NOT NULL, payment_date date NOT NULL);
CREATE TABLE public.payment_p2022 (CHECK (payment_date >= '2022-01-01' AND payment_date < '2023-01-01')) INHERITS (public.payment);
CREATE TABLE public.payment_p2023 (CHECK (payment_date >= '2023-01-01' AND payment_date < '2024-01-01')) INHERITS (public.payment);
CREATE TABLE public.audit_log (note text);
CREATE VIEW public.recent_payment AS SELECT payment_id, amount FROM public.payment WHERE payment_date >= '2023-01-01';
-- an existing rule whose action changes (CREATE OR REPLACE RULE keeps it in place)
CREATE RULE log_delete AS ON DELETE TO public.payment DO ALSO INSERT INTO public.audit_log VALUES ('deleted ' || old.payment_id);
INSERT INTO public.payment_p2022 VALUES (1, 2.99, '2022-05-01');
INSERT INTO public.payment_p2023 VALUES (2, 4.99, '2023-05-01');
