-- --fix rewrites only the statements' spans: comments, blank lines, indentation, keyword case and
-- quoting stay as written.
begin;
  create table "Accounts" (  -- mixed-case name
    id bigint primary key,
    "Owner" text
  );
  create policy "Owner Only" on "Accounts" using ("Owner" = current_user);
commit;

SELECT 1; CREATE DOMAIN price AS numeric CHECK (VALUE >= 0 AND $$x$$ <> '');  /* two statements on a line */

ALTER TABLE ONLY "Accounts" ADD CONSTRAINT "Owner set" CHECK ("Owner" <> '');
