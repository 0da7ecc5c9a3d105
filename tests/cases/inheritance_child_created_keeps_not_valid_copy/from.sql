-- Events, with a rule on kinds that came late (NOT VALID: old rows break it) and one that always held.
CREATE TABLE public.events (
    id bigint NOT NULL,
    kind text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT events_id_check CHECK (id > 0)
);
INSERT INTO public.events VALUES (1, '', '2025-01-01'), (2, 'login', '2025-01-02');
ALTER TABLE public.events ADD CONSTRAINT events_kind_check CHECK (kind <> '') NOT VALID;
