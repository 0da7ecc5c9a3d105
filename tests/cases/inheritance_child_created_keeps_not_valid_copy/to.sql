-- Events, with a rule on kinds that came late (NOT VALID: old rows break it) and one that always held.
CREATE TABLE public.events (
    id bigint NOT NULL,
    kind text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT events_id_check CHECK (id > 0)
);
ALTER TABLE public.events ADD CONSTRAINT events_kind_check CHECK (kind <> '') NOT VALID;
-- The archive was built alone (its old rows are not checked against the kind rule: NOT VALID),
-- then made a child of events: it keeps its NOT VALID copy. CREATE TABLE … INHERITS would give
-- it a valid one.
CREATE TABLE public.events_archive (
    id bigint NOT NULL,
    kind text NOT NULL,
    at timestamptz NOT NULL,
    archived date NOT NULL DEFAULT current_date,
    CONSTRAINT events_id_check CHECK (id > 0)
);
ALTER TABLE public.events_archive ADD CONSTRAINT events_kind_check CHECK (kind <> '') NOT VALID;
ALTER TABLE public.events_archive INHERIT public.events;
