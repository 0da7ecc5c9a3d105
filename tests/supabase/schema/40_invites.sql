-- Written as in Supabase's SQL editor: pgcrypto's gen_random_bytes() lives in `extensions`, which is
-- on Supabase's search_path, so it is called unqualified.

CREATE TABLE public.invites (
  code       text        NOT NULL DEFAULT encode(gen_random_bytes(9), 'hex'),
  invited_by uuid        NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT invites_pkey PRIMARY KEY (code)
);
