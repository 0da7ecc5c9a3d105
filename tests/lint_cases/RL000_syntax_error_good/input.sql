/* Comments, dollar quotes and SQL-standard function bodies (with semicolons inside) all parse. */
CREATE OR REPLACE FUNCTION add_one(i int) RETURNS int
LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN i IS NULL THEN NULL ELSE i + 1 END;
END;

CREATE OR REPLACE FUNCTION shout(t text) RETURNS text AS $body$
  SELECT upper(t) || '!';  -- not the end of the statement
$body$ LANGUAGE sql;

SELECT add_one(1), shout('hi; there');
