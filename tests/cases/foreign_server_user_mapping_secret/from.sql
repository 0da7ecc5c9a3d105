CREATE EXTENSION IF NOT EXISTS postgres_fdw;
CREATE SERVER sales FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db1.internal', dbname 'sales');
CREATE USER MAPPING FOR PUBLIC SERVER sales OPTIONS (user 'reader', password 'old-secret');
CREATE TABLE public.region (region_id int PRIMARY KEY, name text NOT NULL);
INSERT INTO public.region VALUES (1, 'North');
