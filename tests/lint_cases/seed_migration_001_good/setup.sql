-- Supabase's auth.uid(), stubbed.
CREATE SCHEMA auth;
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT NULL::uuid $$;
CREATE TABLE public.users (id uuid PRIMARY KEY, phone_number text);
CREATE TABLE public.conversations (id uuid PRIMARY KEY, user_id uuid);
