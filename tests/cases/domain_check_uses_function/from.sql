CREATE TABLE public.pages (id bigint PRIMARY KEY);
