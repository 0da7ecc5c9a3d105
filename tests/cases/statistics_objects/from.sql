CREATE TABLE public.address (address_id int PRIMARY KEY, city text NOT NULL, zip text NOT NULL, country text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE STATISTICS public.address_city_zip (dependencies) ON city, zip FROM public.address;
CREATE STATISTICS public.address_old (ndistinct) ON city, country FROM public.address;
INSERT INTO public.address VALUES (1, 'Lyon', '69001', 'FR', '2024-01-01');
