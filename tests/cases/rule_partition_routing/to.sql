-- Routing rules on the parent (CREATE RULE's documentation: conditional DO INSTEAD), a view made
-- read-only with DO INSTEAD NOTHING, and a changed DO ALSO rule with a comment.
CREATE TABLE public.payment (payment_id int NOT NULL, amount numeric(5,2) NOT NULL, payment_date date NOT NULL);
CREATE TABLE public.payment_p2022 (CHECK (payment_date >= '2022-01-01' AND payment_date < '2023-01-01')) INHERITS (public.payment);
CREATE TABLE public.payment_p2023 (CHECK (payment_date >= '2023-01-01' AND payment_date < '2024-01-01')) INHERITS (public.payment);
CREATE TABLE public.audit_log (note text);
CREATE VIEW public.recent_payment AS SELECT payment_id, amount FROM public.payment WHERE payment_date >= '2023-01-01';

CREATE RULE payment_insert_p2022 AS ON INSERT TO public.payment
  WHERE new.payment_date >= '2022-01-01' AND new.payment_date < '2023-01-01'
  DO INSTEAD INSERT INTO public.payment_p2022 VALUES (new.*);
CREATE RULE payment_insert_p2023 AS ON INSERT TO public.payment
  WHERE new.payment_date >= '2023-01-01' AND new.payment_date < '2024-01-01'
  DO INSTEAD INSERT INTO public.payment_p2023 VALUES (new.*);
CREATE RULE recent_payment_no_update AS ON UPDATE TO public.recent_payment DO INSTEAD NOTHING;
CREATE RULE log_delete AS ON DELETE TO public.payment
  DO ALSO INSERT INTO public.audit_log VALUES ('payment ' || old.payment_id || ' deleted');
COMMENT ON RULE log_delete ON public.payment IS 'who deleted what';
