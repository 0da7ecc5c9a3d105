CREATE TABLE public.users (id bigint PRIMARY KEY);

CREATE TABLE public.orders (
  id bigint PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES public.users (id),
  total numeric(12, 2) NOT NULL DEFAULT 0
);

-- a SQL function's body is checked at CREATE time: orders must exist first
CREATE FUNCTION public.user_total(uid bigint) RETURNS numeric
  LANGUAGE sql STABLE
AS $$ SELECT coalesce(sum(total), 0) FROM public.orders WHERE user_id = uid $$;

CREATE VIEW public.user_totals AS
  SELECT u.id, public.user_total(u.id) AS total FROM public.users u;
