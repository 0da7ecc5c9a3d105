-- CREATE COLLATION IF NOT EXISTS
-- input:
create collation if not exists "public"."c_sort" (provider = 'libc', locale = 'C');
=
CREATE COLLATION IF NOT EXISTS public.c_sort(
    provider = 'libc'
  , locale = 'C'
);
;;
-- DROP COLLATION IF EXISTS
-- setup:
create collation public.c_sort (provider = libc, locale = 'C');
-- input:
drop collation if exists "public"."c_sort";
=
DROP COLLATION IF EXISTS public.c_sort;
;;
