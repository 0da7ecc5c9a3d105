-- An aggregate a view uses gets an initial condition, a final function and PARALLEL SAFE: replaced
-- in place (CREATE OR REPLACE AGGREGATE, PostgreSQL 13+), the view untouched; and a hypothetical-set
-- aggregate declared as the built-in rank() is (ordered_set_transition_multi, rank_final).
CREATE TABLE public.score (player text NOT NULL, points int NOT NULL);
CREATE FUNCTION public.max_step(int, int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT greatest($1, $2) $$;
CREATE FUNCTION public.at_least_zero(int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT greatest($1, 0) $$;
CREATE AGGREGATE public.best(int) (SFUNC = public.max_step, STYPE = int, INITCOND = '0', FINALFUNC = public.at_least_zero, PARALLEL = SAFE);
COMMENT ON AGGREGATE public.best(int) IS 'best score, never negative';
CREATE VIEW public.leaderboard AS SELECT player, public.best(points) AS best FROM public.score GROUP BY player;
CREATE AGGREGATE public.my_rank(VARIADIC "any" ORDER BY VARIADIC "any") (
  SFUNC = ordered_set_transition_multi, STYPE = internal, FINALFUNC = rank_final, FINALFUNC_EXTRA, HYPOTHETICAL
);
