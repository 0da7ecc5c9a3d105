-- `set check_function_bodies = off` and other statements that change no object pass through, unreported
-- input:
set check_function_bodies = off;
select 1; -- drop index if exists "public"."r_no_overlap";
=
set check_function_bodies = off;
select 1;
;;
-- Statements with no guard pass through unchanged and are reported (the proof catches them on a re-run)
-- unguarded
-- setup:
create table t (id int);
create function f() returns trigger language plpgsql as $$begin return new; end$$;
-- input:
comment on table "public"."t" is 'audited';
CREATE OR REPLACE TRIGGER t_f BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.f();
=
comment on table "public"."t" is 'audited';
CREATE OR REPLACE TRIGGER t_f BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.f();
;;
