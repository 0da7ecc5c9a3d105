-- The DO statement parses, but its PL/pgSQL body does not (a missing semicolon after the CREATE).
DO $$ BEGIN
  CREATE TYPE msg_type AS ENUM ('text')
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
