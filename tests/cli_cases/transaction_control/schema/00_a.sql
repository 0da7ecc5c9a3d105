create table public.a (id int);

BEGIN;
create table public.b (id int);
COMMIT;
