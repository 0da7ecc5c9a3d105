-- A DO block alone guards nothing: without an exception handler or an IF it fails like the bare statement.
DO $$
BEGIN
  CREATE TYPE msg_type AS ENUM ('text', 'image');
END
$$;
