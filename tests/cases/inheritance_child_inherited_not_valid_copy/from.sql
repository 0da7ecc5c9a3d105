-- Events with a rule on kinds that came late (NOT VALID: old rows break it).
CREATE TABLE public.events (
    id bigint NOT NULL,
    kind text NOT NULL
);
INSERT INTO public.events VALUES (1, ''), (2, 'login');
ALTER TABLE public.events ADD CONSTRAINT events_kind_check CHECK (kind <> '') NOT VALID;
