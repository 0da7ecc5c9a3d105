CREATE TABLE public.products (id bigint PRIMARY KEY, name text NOT NULL);
INSERT INTO public.products VALUES (1, 'Blue Widget'), (2, 'Red  Gadget');
