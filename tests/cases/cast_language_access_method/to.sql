-- A domain-free cast between a composite and text (CREATE CAST's documentation), a second trusted
-- language over PL/pgSQL's handler, and a table access method over heap's (CREATE ACCESS METHOD).
CREATE TABLE public.event (event_id int PRIMARY KEY, payload text NOT NULL);
CREATE TYPE public.money_amount AS (cents bigint);
CREATE FUNCTION public.money_amount_from_text(text) RETURNS public.money_amount
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT ROW($1::bigint)::public.money_amount $$;
CREATE CAST (text AS public.money_amount) WITH FUNCTION public.money_amount_from_text(text) AS ASSIGNMENT;
COMMENT ON CAST (text AS public.money_amount) IS 'cents written as text';
CREATE TRUSTED LANGUAGE plpgsql_legacy HANDLER plpgsql_call_handler INLINE plpgsql_inline_handler VALIDATOR plpgsql_validator;
COMMENT ON LANGUAGE plpgsql_legacy IS 'old functions, kept apart';
CREATE ACCESS METHOD heap_archive TYPE TABLE HANDLER heap_tableam_handler;
REVOKE USAGE ON LANGUAGE plpgsql_legacy FROM PUBLIC;
GRANT USAGE ON LANGUAGE plpgsql_legacy TO legacy_owner;
