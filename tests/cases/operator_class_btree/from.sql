CREATE TABLE public.version_tag (tag_id int PRIMARY KEY, major int NOT NULL, minor int NOT NULL);
INSERT INTO public.version_tag VALUES (1, 1, 2), (2, 1, 10);
