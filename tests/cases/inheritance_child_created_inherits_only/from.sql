-- An events table, no hierarchy yet.
CREATE TABLE public.events (
    id bigint NOT NULL,
    happened_at timestamptz NOT NULL DEFAULT now(),
    kind text
);
INSERT INTO public.events (id, kind) VALUES (1, 'login'), (2, 'logout');
