-- The archive is dropped (its checks, which it also holds through events, go with it); events
-- keeps its NOT VALID check. The rollback creates the archive alone, gives it its checks (the
-- kind rule NOT VALID) and makes it a child of events again.
CREATE TABLE public.events (
    id bigint NOT NULL,
    kind text NOT NULL,
    CONSTRAINT events_id_check CHECK (id > 0)
);
ALTER TABLE public.events ADD CONSTRAINT events_kind_check CHECK (kind <> '') NOT VALID;
