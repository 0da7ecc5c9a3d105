-- Events with a rule on kinds that came late (NOT VALID: old rows break it).
CREATE TABLE public.events (
    id bigint NOT NULL,
    kind text NOT NULL
);
-- The archive existed before the rule: it holds the columns and a NOT VALID copy of the rule only
-- through events. With the rule standing, no SQL makes a new child like that: CREATE TABLE …
-- INHERITS gives it a valid copy, and a table made alone and INHERITed holds its columns and the
-- copy as its own.
CREATE TABLE public.events_archive (
    archived date NOT NULL
) INHERITS (public.events);
ALTER TABLE public.events ADD CONSTRAINT events_kind_check CHECK (kind <> '') NOT VALID;
