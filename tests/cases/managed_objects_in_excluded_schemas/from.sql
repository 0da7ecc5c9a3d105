-- Supabase's own schemas (excluded): only the user's triggers on auth.users and policies on
-- storage.objects are managed (include_objects). Objects matching exclude_objects are never touched.
CREATE SCHEMA auth;
CREATE TABLE auth.users (id uuid PRIMARY KEY, email text, created_at timestamptz DEFAULT now());
CREATE FUNCTION auth.internal_helper() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE SCHEMA storage;
CREATE TABLE storage.objects (id uuid PRIMARY KEY, bucket_id text, owner uuid);
ALTER TABLE storage.objects ENABLE ROW LEVEL SECURITY;

CREATE TABLE public.profiles (
  id uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
  display_name text
);

-- unmanaged by name pattern: kept although schema/ does not declare them
CREATE TABLE public.legacy_audit (id bigint PRIMARY KEY, payload jsonb);
CREATE INDEX legacy_audit_payload ON public.legacy_audit USING gin (payload);
GRANT SELECT ON public.legacy_audit TO PUBLIC;
GRANT SELECT (id) ON public.legacy_audit TO PUBLIC;
CREATE FUNCTION public.pgrst_watch() RETURNS int LANGUAGE sql AS 'SELECT 42';
