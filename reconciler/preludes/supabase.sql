-- The Supabase profile's scratch prelude (`profile: supabase` in reconcile.yaml): what a Supabase
-- project has before its own schema/ runs, so that `REFERENCES auth.users`, policies calling
-- auth.uid() and `TO authenticated`, and policies on storage.objects load on a vanilla scratch.
-- Loaded before scratch_prelude files and schema/. Every object is created only when missing, so
-- the file also loads over a real `supabase/postgres` image and on a shared `--scratch URL` server
-- (roles are cluster-wide and stay there, as NOLOGIN stand-ins).
-- Claims are read from the settings PostgREST sets, e.g.
--   SET request.jwt.claims = '{"sub": "<uuid>", "role": "authenticated"}';

-- Roles of Supabase's globals.sql and image. Stand-ins only: never LOGIN (a scratch cluster trusts
-- local connections) and never SUPERUSER (supabase_admin is one on Supabase; a stand-in needs no
-- power); BYPASSRLS and the like only where the scratch user may grant them.
DO $prelude$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT * FROM (VALUES
      ('anon', 'NOINHERIT'),
      ('authenticated', 'NOINHERIT'),
      ('service_role', 'NOINHERIT BYPASSRLS'),
      ('authenticator', 'NOINHERIT'),
      ('dashboard_user', 'CREATEROLE CREATEDB REPLICATION'),
      ('pgbouncer', ''),
      ('supabase_admin', 'CREATEROLE CREATEDB REPLICATION BYPASSRLS'),
      ('supabase_auth_admin', 'NOINHERIT CREATEROLE'),
      ('supabase_storage_admin', 'NOINHERIT CREATEROLE'),
      ('supabase_functions_admin', 'NOINHERIT CREATEROLE'),
      ('supabase_realtime_admin', 'NOINHERIT'),
      ('supabase_read_only_user', 'BYPASSRLS'),
      ('supabase_replication_admin', 'REPLICATION')
    ) AS v(name, attributes)
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.name) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN %s', r.name, r.attributes);
      EXCEPTION
        WHEN insufficient_privilege THEN
          EXECUTE format('CREATE ROLE %I NOLOGIN NOINHERIT', r.name);
        WHEN duplicate_object OR unique_violation THEN
          NULL;  -- another run created it at the same moment
      END;
    END IF;
  END LOOP;
END
$prelude$;

DO $prelude$
BEGIN
  -- PostgREST switches from authenticator to the request's role.
  GRANT anon, authenticated, service_role TO authenticator;
EXCEPTION WHEN OTHERS THEN
  -- Not the scratch user's to grant, or granted at this moment by a concurrent run on a shared
  -- --scratch URL server ("tuple concurrently updated"): a membership is not part of the schema.
  NULL;
END
$prelude$;

CREATE SCHEMA IF NOT EXISTS extensions;
CREATE SCHEMA IF NOT EXISTS auth;
CREATE SCHEMA IF NOT EXISTS storage;

-- Extensions every Supabase project has in `extensions`, where this server ships them (contrib).
DO $prelude$
BEGIN
  IF EXISTS (SELECT FROM pg_available_extensions WHERE name = 'pgcrypto') THEN
    CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA extensions;
  END IF;
  IF EXISTS (SELECT FROM pg_available_extensions WHERE name = 'uuid-ossp') THEN
    CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA extensions;
  END IF;
END
$prelude$;

GRANT USAGE ON SCHEMA public TO anon, authenticated, service_role;
GRANT USAGE ON SCHEMA extensions TO anon, authenticated, service_role;
GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;
GRANT USAGE ON SCHEMA storage TO anon, authenticated, service_role;

-- What Supabase grants on everything created in public (the API roles reach tables through RLS).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role;
-- …and on what supabase_admin creates there (the platform's own objects), as a Supabase database
-- holds them: without these rows, every drift check would report Supabase's default privileges.
DO $prelude$
BEGIN
  ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public
    GRANT ALL ON TABLES TO postgres, anon, authenticated, service_role;
  ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public
    GRANT ALL ON SEQUENCES TO postgres, anon, authenticated, service_role;
  ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public
    GRANT ALL ON FUNCTIONS TO postgres, anon, authenticated, service_role;
EXCEPTION WHEN insufficient_privilege OR undefined_object THEN
  NULL;  -- a scratch user that is not superuser, or a server without a `postgres` role
END
$prelude$;

-- auth.users as GoTrue creates it (the columns a schema's triggers and views commonly read).
DO $prelude$
BEGIN
  IF to_regclass('auth.users') IS NULL THEN
    CREATE TABLE auth.users (
      instance_id uuid,
      id uuid NOT NULL,
      aud varchar(255),
      role varchar(255),
      email varchar(255),
      encrypted_password varchar(255),
      email_confirmed_at timestamptz,
      invited_at timestamptz,
      confirmation_token varchar(255),
      confirmation_sent_at timestamptz,
      recovery_token varchar(255),
      recovery_sent_at timestamptz,
      email_change_token_new varchar(255),
      email_change varchar(255),
      email_change_sent_at timestamptz,
      last_sign_in_at timestamptz,
      raw_app_meta_data jsonb,
      raw_user_meta_data jsonb,
      is_super_admin boolean,
      created_at timestamptz,
      updated_at timestamptz,
      phone text DEFAULT NULL,
      phone_confirmed_at timestamptz,
      phone_change text DEFAULT '',
      phone_change_token varchar(255) DEFAULT '',
      phone_change_sent_at timestamptz,
      confirmed_at timestamptz GENERATED ALWAYS AS (LEAST(email_confirmed_at, phone_confirmed_at)) STORED,
      email_change_token_current varchar(255) DEFAULT '',
      email_change_confirm_status smallint DEFAULT 0,
      banned_until timestamptz,
      reauthentication_token varchar(255) DEFAULT '',
      reauthentication_sent_at timestamptz,
      is_sso_user boolean NOT NULL DEFAULT false,
      deleted_at timestamptz,
      is_anonymous boolean NOT NULL DEFAULT false,
      CONSTRAINT users_pkey PRIMARY KEY (id),
      CONSTRAINT users_phone_key UNIQUE (phone),
      CONSTRAINT users_email_change_confirm_status_check
        CHECK (email_change_confirm_status >= 0 AND email_change_confirm_status <= 2)
    );
    ALTER TABLE auth.users ENABLE ROW LEVEL SECURITY;
  END IF;
END
$prelude$;

-- The JWT helpers, with Supabase's signatures and bodies (auth migrations), created when missing:
-- on a supabase/postgres image they exist and belong to supabase_auth_admin.
DO $prelude$
BEGIN
  IF to_regprocedure('auth.uid()') IS NULL THEN
    CREATE FUNCTION auth.uid() RETURNS uuid
      LANGUAGE sql STABLE
    AS $fn$
      select
      coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
      )::uuid
    $fn$;
  END IF;
  IF to_regprocedure('auth.role()') IS NULL THEN
    CREATE FUNCTION auth.role() RETURNS text
      LANGUAGE sql STABLE
    AS $fn$
      select
      coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
      )::text
    $fn$;
  END IF;
  IF to_regprocedure('auth.email()') IS NULL THEN
    CREATE FUNCTION auth.email() RETURNS text
      LANGUAGE sql STABLE
    AS $fn$
      select
      coalesce(
        nullif(current_setting('request.jwt.claim.email', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
      )::text
    $fn$;
  END IF;
  IF to_regprocedure('auth.jwt()') IS NULL THEN
    CREATE FUNCTION auth.jwt() RETURNS jsonb
      LANGUAGE sql STABLE
    AS $fn$
      select
        coalesce(
          nullif(current_setting('request.jwt.claim', true), ''),
          nullif(current_setting('request.jwt.claims', true), '')
        )::jsonb
    $fn$;
  END IF;
END
$prelude$;

GRANT EXECUTE ON FUNCTION auth.uid(), auth.role(), auth.email(), auth.jwt()
  TO anon, authenticated, service_role;

-- Storage: buckets and objects (RLS enabled, no policies: those are the project's own).
-- Created (with their indexes and RLS) only when missing: on a supabase/postgres image they belong
-- to supabase_storage_admin, and only their owner may alter them.
DO $prelude$
BEGIN
  IF to_regclass('storage.buckets') IS NULL THEN
    CREATE TABLE storage.buckets (
      id text NOT NULL,
      name text NOT NULL,
      owner uuid,
      created_at timestamptz DEFAULT now(),
      updated_at timestamptz DEFAULT now(),
      public boolean DEFAULT false,
      avif_autodetection boolean DEFAULT false,
      file_size_limit bigint,
      allowed_mime_types text[],
      owner_id text,
      CONSTRAINT buckets_pkey PRIMARY KEY (id)
    );
    CREATE UNIQUE INDEX bname ON storage.buckets USING btree (name);
    ALTER TABLE storage.buckets ENABLE ROW LEVEL SECURITY;
  END IF;
  IF to_regclass('storage.objects') IS NULL THEN
    CREATE TABLE storage.objects (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      bucket_id text,
      name text,
      owner uuid,
      created_at timestamptz DEFAULT now(),
      updated_at timestamptz DEFAULT now(),
      last_accessed_at timestamptz DEFAULT now(),
      metadata jsonb,
      path_tokens text[] GENERATED ALWAYS AS (string_to_array(name, '/')) STORED,
      version text,
      owner_id text,
      user_metadata jsonb,
      CONSTRAINT objects_pkey PRIMARY KEY (id),
      CONSTRAINT "objects_bucketId_fkey" FOREIGN KEY (bucket_id) REFERENCES storage.buckets (id)
    );
    CREATE UNIQUE INDEX bucketid_objname ON storage.objects USING btree (bucket_id, name);
    CREATE INDEX name_prefix_search ON storage.objects USING btree (name text_pattern_ops);
    ALTER TABLE storage.objects ENABLE ROW LEVEL SECURITY;
  END IF;
END
$prelude$;

-- Helpers storage policies use, e.g. `(storage.foldername(name))[1] = (SELECT auth.uid())::text`.
DO $prelude$
BEGIN
  IF to_regprocedure('storage.foldername(text)') IS NULL THEN
    CREATE FUNCTION storage.foldername(name text) RETURNS text[]
      LANGUAGE plpgsql
    AS $fn$
    DECLARE
      _parts text[];
    BEGIN
      select string_to_array(name, '/') into _parts;
      return _parts[1:array_length(_parts, 1) - 1];
    END
    $fn$;
  END IF;
  IF to_regprocedure('storage.filename(text)') IS NULL THEN
    CREATE FUNCTION storage.filename(name text) RETURNS text
      LANGUAGE plpgsql
    AS $fn$
    DECLARE
      _parts text[];
    BEGIN
      select string_to_array(name, '/') into _parts;
      return _parts[array_length(_parts, 1)];
    END
    $fn$;
  END IF;
  IF to_regprocedure('storage.extension(text)') IS NULL THEN
    CREATE FUNCTION storage.extension(name text) RETURNS text
      LANGUAGE plpgsql
    AS $fn$
    DECLARE
      _parts text[];
      _filename text;
    BEGIN
      select string_to_array(name, '/') into _parts;
      select _parts[array_length(_parts, 1)] into _filename;
      return reverse(split_part(reverse(_filename), '.', 1));
    END
    $fn$;
  END IF;
END
$prelude$;

GRANT ALL ON storage.buckets, storage.objects TO anon, authenticated, service_role;

-- Supabase's roles see `extensions` on their search_path, so schema files written in its SQL
-- editor call gen_random_bytes() or uuid_generate_v4() unqualified. For the rest of the build.
SET search_path TO "$user", public, extensions;
