-- A composite type ordered by its own operators and B-tree operator class (the documentation's
-- "Interfacing Extensions to Indexes" builds one the same way, in C; here in SQL), used by an index.
CREATE TYPE public.semver AS (major int, minor int);

CREATE FUNCTION public.semver_cmp(a public.semver, b public.semver) RETURNS int
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT CASE WHEN (a.major, a.minor) < (b.major, b.minor) THEN -1 WHEN (a.major, a.minor) > (b.major, b.minor) THEN 1 ELSE 0 END $$;
CREATE FUNCTION public.semver_lt(a public.semver, b public.semver) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT public.semver_cmp(a, b) < 0 $$;
CREATE FUNCTION public.semver_le(a public.semver, b public.semver) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT public.semver_cmp(a, b) <= 0 $$;
CREATE FUNCTION public.semver_eq(a public.semver, b public.semver) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT public.semver_cmp(a, b) = 0 $$;
CREATE FUNCTION public.semver_ge(a public.semver, b public.semver) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT public.semver_cmp(a, b) >= 0 $$;
CREATE FUNCTION public.semver_gt(a public.semver, b public.semver) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT public.semver_cmp(a, b) > 0 $$;

CREATE OPERATOR public.<<< (LEFTARG = public.semver, RIGHTARG = public.semver, FUNCTION = public.semver_lt, COMMUTATOR = >>>, NEGATOR = >>=);
CREATE OPERATOR public.<<= (LEFTARG = public.semver, RIGHTARG = public.semver, FUNCTION = public.semver_le, COMMUTATOR = >>=, NEGATOR = >>>);
CREATE OPERATOR public.=== (LEFTARG = public.semver, RIGHTARG = public.semver, FUNCTION = public.semver_eq, COMMUTATOR = ===);
CREATE OPERATOR public.>>= (LEFTARG = public.semver, RIGHTARG = public.semver, FUNCTION = public.semver_ge, COMMUTATOR = <<=, NEGATOR = <<<);
CREATE OPERATOR public.>>> (LEFTARG = public.semver, RIGHTARG = public.semver, FUNCTION = public.semver_gt, COMMUTATOR = <<<, NEGATOR = <<=);
COMMENT ON OPERATOR public.<<< (public.semver, public.semver) IS 'semantic version order';

CREATE OPERATOR FAMILY public.semver_ops USING btree;
CREATE OPERATOR CLASS public.semver_ops FOR TYPE public.semver USING btree FAMILY public.semver_ops AS
  OPERATOR 1 public.<<<, OPERATOR 2 public.<<=, OPERATOR 3 public.===, OPERATOR 4 public.>>=, OPERATOR 5 public.>>>,
  FUNCTION 1 public.semver_cmp(public.semver, public.semver);

CREATE TABLE public.version_tag (tag_id int PRIMARY KEY, major int NOT NULL, minor int NOT NULL);
CREATE INDEX version_tag_semver ON public.version_tag (((major, minor)::public.semver) public.semver_ops);
