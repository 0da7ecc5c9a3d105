CREATE OR REPLACE FUNCTION set_updated_at() RETURNS TRIGGER AS $$
BEGIN
  NEW.updated_at = NOW();
  RETURN NEW;
END $$ LANGUAGE plpgsql;

create or replace procedure purge_old_messages(days int)
language sql
as $$ DELETE FROM messages WHERE created_at < now() - make_interval(days => days) $$;
