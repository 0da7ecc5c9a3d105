-- Extended statistics (CREATE STATISTICS' documentation): kinds changed, an expression statistics
-- object, a raised statistics target, one dropped.
CREATE TABLE public.address (address_id int PRIMARY KEY, city text NOT NULL, zip text NOT NULL, country text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE STATISTICS public.address_city_zip (dependencies, ndistinct, mcv) ON city, zip FROM public.address;
CREATE STATISTICS public.address_created_day ON date_trunc('day', created_at AT TIME ZONE 'UTC') FROM public.address;
CREATE STATISTICS public.address_country_city (mcv) ON country, city FROM public.address;
ALTER STATISTICS public.address_country_city SET STATISTICS 500;
COMMENT ON STATISTICS public.address_country_city IS 'country and city are correlated';
