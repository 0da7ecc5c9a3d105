-- Events and their archive, built alone from an import (its rows are not checked against the rule
-- on kinds: NOT VALID) and then made a child of events: its columns and checks are its own, its
-- copy of the parent's NOT VALID check NOT VALID.
CREATE TABLE public.events (
    id bigint NOT NULL,
    kind text NOT NULL,
    CONSTRAINT events_id_check CHECK (id > 0)
);
CREATE TABLE public.events_archive (
    id bigint NOT NULL,
    kind text NOT NULL,
    archived date NOT NULL,
    CONSTRAINT events_id_check CHECK (id > 0)
);
INSERT INTO public.events VALUES (1, ''), (2, 'login');
INSERT INTO public.events_archive VALUES (3, '', '2024-12-31');
ALTER TABLE public.events ADD CONSTRAINT events_kind_check CHECK (kind <> '') NOT VALID;
ALTER TABLE public.events_archive ADD CONSTRAINT events_kind_check CHECK (kind <> '') NOT VALID;
ALTER TABLE public.events_archive INHERIT public.events;
