-- Events with a rule on kinds that came late (NOT VALID: old rows break it).
CREATE TABLE public.events (
    id bigint NOT NULL,
    kind text NOT NULL
);
-- made after the rule: its copy of it is valid (and inherited only)
INSERT INTO public.events VALUES (1, ''), (2, 'login');
ALTER TABLE public.events ADD CONSTRAINT events_kind_check CHECK (kind <> '') NOT VALID;
COMMENT ON CONSTRAINT events_kind_check ON public.events IS 'old rows are not checked';
CREATE TABLE public.events_2026 () INHERITS (public.events);
CREATE TABLE public.events_2026_q1 () INHERITS (public.events_2026);
INSERT INTO public.events_2026 VALUES (3, 'logout');
