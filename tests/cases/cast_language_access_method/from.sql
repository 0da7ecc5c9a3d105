CREATE TABLE public.event (event_id int PRIMARY KEY, payload text NOT NULL);
INSERT INTO public.event VALUES (1, '42');
