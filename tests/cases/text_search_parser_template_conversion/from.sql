CREATE TABLE public.doc (doc_id int PRIMARY KEY, body text NOT NULL);
INSERT INTO public.doc VALUES (1, 'Hello world');
