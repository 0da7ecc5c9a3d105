-- The classic group_concat aggregate (state function + aggregate), used by a view, with a comment
-- and an ordered-set aggregate over the same state type (from CREATE AGGREGATE's documentation).
CREATE TABLE public.film (film_id int PRIMARY KEY, title text NOT NULL, rating text);
CREATE TABLE public.actor (actor_id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.film_actor (film_id int REFERENCES public.film, actor_id int REFERENCES public.actor,
                                PRIMARY KEY (film_id, actor_id));

CREATE FUNCTION public._group_concat(text, text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || ', ' || $2 END $$;

CREATE AGGREGATE public.group_concat(text) (SFUNC = public._group_concat, STYPE = text);
COMMENT ON AGGREGATE public.group_concat(text) IS 'comma-separated list, as MySQL spells it';

-- moving-aggregate mode and a parallel-safe combine function
CREATE AGGREGATE public.sum_moving(int) (
    SFUNC = int4_avg_accum, STYPE = int8[], INITCOND = '{0,0}',
    FINALFUNC = int8_avg,
    MSFUNC = int4_avg_accum, MINVFUNC = int4_avg_accum_inv, MSTYPE = int8[], MINITCOND = '{0,0}',
    MFINALFUNC = int8_avg,
    COMBINEFUNC = int4_avg_combine, PARALLEL = SAFE
);

CREATE VIEW public.film_list AS
SELECT f.film_id, f.title, public.group_concat(a.name ORDER BY a.name) AS actors
FROM public.film f
JOIN public.film_actor fa ON fa.film_id = f.film_id
JOIN public.actor a ON a.actor_id = fa.actor_id
GROUP BY f.film_id, f.title;
