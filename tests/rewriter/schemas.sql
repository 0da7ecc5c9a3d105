-- CREATE SCHEMA (migra emits IF NOT EXISTS, which is silent when it does nothing)
-- input:
create schema if not exists "billing";
=
CREATE SCHEMA IF NOT EXISTS billing;
;;
-- DROP SCHEMA IF EXISTS
-- setup:
create schema billing;
-- input:
drop schema if exists "billing";
=
DROP SCHEMA IF EXISTS billing;
;;
