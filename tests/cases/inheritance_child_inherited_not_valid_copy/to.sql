-- Events with a rule on kinds that came late (NOT VALID: old rows break it).
CREATE TABLE public.events (
    id bigint NOT NULL,
    kind text NOT NULL
);
-- The archive existed before the rule: it holds the columns and a NOT VALID copy of the rule only
-- through events. CREATE TABLE … INHERITS would give it a valid copy: the plan drops the rule,
-- creates the archive and adds the rule again NOT VALID, then validates the copies that were valid.
CREATE TABLE public.events_archive (
    archived date NOT NULL
) INHERITS (public.events);
ALTER TABLE public.events ADD CONSTRAINT events_kind_check CHECK (kind <> '') NOT VALID;
COMMENT ON CONSTRAINT events_kind_check ON public.events IS 'old rows are not checked';
CREATE TABLE public.events_2026 () INHERITS (public.events);
CREATE TABLE public.events_2026_q1 () INHERITS (public.events_2026);
