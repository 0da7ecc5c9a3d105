CREATE TABLE public.score (player text NOT NULL, points int NOT NULL);
INSERT INTO public.score VALUES ('ann', 3), ('ann', 5), ('bob', 2);
CREATE FUNCTION public.max_step(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT greatest($1, $2) $$;
CREATE AGGREGATE public.best(int) (SFUNC = public.max_step, STYPE = int);
CREATE VIEW public.leaderboard AS SELECT player, public.best(points) AS best FROM public.score GROUP BY player;
