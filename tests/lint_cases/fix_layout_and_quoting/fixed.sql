-- --fix rewrites only the statements' spans: comments, blank lines, indentation, keyword case and
-- quoting stay as written.
begin;
  create table if not exists "Accounts" (  -- mixed-case name
    id bigint primary key,
    "Owner" text
  );
  drop policy if exists "Owner Only" on "Accounts";
  create policy "Owner Only" on "Accounts" using ("Owner" = current_user);
commit;

SELECT 1; DO $lint$ BEGIN
  CREATE DOMAIN price AS numeric CHECK (VALUE >= 0 AND $$x$$ <> '');
EXCEPTION WHEN duplicate_object THEN NULL; END $lint$;  /* two statements on a line */

ALTER TABLE ONLY "Accounts" DROP CONSTRAINT IF EXISTS "Owner set";
ALTER TABLE ONLY "Accounts" ADD CONSTRAINT "Owner set" CHECK ("Owner" <> '');
