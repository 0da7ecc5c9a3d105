-- Country codes kept as text, and a uuid kept as text.
CREATE TABLE public.addresses (
    id integer PRIMARY KEY,
    country text NOT NULL,
    token text
);
INSERT INTO public.addresses VALUES (1, 'NL', 'a1b2'), (2, 'DE', NULL);
