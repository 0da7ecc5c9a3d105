CREATE OR REPLACE FUNCTION set_updated_at() RETURNS TRIGGER AS $$
BEGIN
  NEW.updated_at = NOW();
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE PROCEDURE purge_old_messages(days int)
LANGUAGE sql
AS $$ DELETE FROM messages WHERE created_at < now() - make_interval(days => days) $$;
