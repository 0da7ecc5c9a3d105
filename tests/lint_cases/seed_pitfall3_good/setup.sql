CREATE TABLE users (id bigint PRIMARY KEY);
CREATE FUNCTION audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
