-- reconciler/demo/production.sql
-- Demo "production" database: migue.ai as it stood after migrations
-- 001-004 only (RLS indexes, WhatsApp v23 tables, pgvector memory, AI cost
-- tracking). Not yet applied: 005 scheduled_messages, 006 msg_type values
-- 'sticker'/'reaction'/'order', 007 messaging_windows (+ daily reset
-- trigger), 20251006 dead_letter_queue. msg_type still carries the invalid
-- 'voice' value. Load supabase_auth.sql (prelude) first; this file does not
-- define the auth schema.

CREATE EXTENSION IF NOT EXISTS vector;

-- Types ---------------------------------------------------------------------

CREATE TYPE public.msg_type AS ENUM (
  'text',
  'image',
  'audio',
  'video',
  'document',
  'location',
  'interactive',
  'button',
  'contacts',
  'system',
  'voice'
);

-- Tables --------------------------------------------------------------------

CREATE TABLE public.users (
  id            uuid        NOT NULL DEFAULT gen_random_uuid(),
  phone_number  text        NOT NULL,
  name          text,
  preferences   jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT users_phone_number_key UNIQUE (phone_number),
  CONSTRAINT chk_phone_e164 CHECK (phone_number ~ '^[+][1-9][0-9]{7,14}$')
);

CREATE TABLE public.conversations (
  id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
  user_id             uuid        NOT NULL,
  wa_conversation_id  text,
  status              text        NOT NULL DEFAULT 'active',
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT conversations_pkey PRIMARY KEY (id),
  CONSTRAINT conversations_user_id_fkey FOREIGN KEY (user_id)
    REFERENCES public.users (id) ON DELETE CASCADE,
  CONSTRAINT conversations_status_check
    CHECK (status IN ('active', 'archived', 'closed'))
);

CREATE TABLE public.messages_v2 (
  id               uuid            NOT NULL DEFAULT gen_random_uuid(),
  conversation_id  uuid            NOT NULL,
  direction        text            NOT NULL,
  type             public.msg_type NOT NULL,
  content          text,
  media_url        text,
  wa_message_id    text,
  "timestamp"      timestamptz     NOT NULL DEFAULT now(),
  CONSTRAINT messages_v2_pkey PRIMARY KEY (id),
  CONSTRAINT messages_v2_wa_message_id_key UNIQUE (wa_message_id),
  CONSTRAINT messages_v2_conversation_id_fkey FOREIGN KEY (conversation_id)
    REFERENCES public.conversations (id) ON DELETE CASCADE,
  CONSTRAINT messages_v2_direction_check
    CHECK (direction IN ('inbound', 'outbound'))
);

CREATE TABLE public.user_memory (
  id          uuid         NOT NULL DEFAULT gen_random_uuid(),
  user_id     uuid         NOT NULL,
  type        text         NOT NULL,
  content     text         NOT NULL,
  embedding   vector(1536),
  created_at  timestamptz  DEFAULT now(),
  CONSTRAINT user_memory_pkey PRIMARY KEY (id),
  CONSTRAINT user_memory_user_id_fkey FOREIGN KEY (user_id)
    REFERENCES public.users (id) ON DELETE CASCADE,
  CONSTRAINT user_memory_type_check
    CHECK (type IN ('fact', 'preference', 'conversation'))
);

CREATE TABLE public.ai_usage_tracking (
  id               uuid          NOT NULL DEFAULT gen_random_uuid(),
  provider         text          NOT NULL,
  model            text          NOT NULL,
  task_type        text          NOT NULL,
  tokens_input     integer       NOT NULL DEFAULT 0,
  tokens_output    integer       NOT NULL DEFAULT 0,
  cost_usd         numeric(12,6) NOT NULL DEFAULT 0,
  user_id          uuid,
  conversation_id  uuid,
  metadata         jsonb         NOT NULL DEFAULT '{}'::jsonb,
  created_at       timestamptz   NOT NULL DEFAULT now(),
  CONSTRAINT ai_usage_tracking_pkey PRIMARY KEY (id),
  CONSTRAINT ai_usage_tracking_user_id_fkey FOREIGN KEY (user_id)
    REFERENCES public.users (id) ON DELETE SET NULL,
  CONSTRAINT ai_usage_tracking_conversation_id_fkey FOREIGN KEY (conversation_id)
    REFERENCES public.conversations (id) ON DELETE SET NULL,
  CONSTRAINT ai_usage_tracking_tokens_check
    CHECK (tokens_input >= 0 AND tokens_output >= 0),
  CONSTRAINT ai_usage_tracking_cost_usd_check CHECK (cost_usd >= 0)
);

-- Functions & triggers --------------------------------------------------------

CREATE FUNCTION public.set_updated_at() RETURNS TRIGGER AS $$
BEGIN
  NEW.updated_at = NOW();
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER t_users_updated
  BEFORE UPDATE ON public.users
  FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();

CREATE TRIGGER t_conversations_updated
  BEFORE UPDATE ON public.conversations
  FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();

-- ai_daily_costs(): daily AI spend per provider/model/task over the last
-- p_days days (migration 004 analytics). A SECURITY INVOKER function rather
-- than a view, so RLS on ai_usage_tracking applies to the caller (a plain
-- view would run with its owner's rights and bypass RLS).
CREATE FUNCTION public.ai_daily_costs(p_days integer DEFAULT 30)
RETURNS TABLE (
  day            date,
  provider       text,
  model          text,
  task_type      text,
  requests       bigint,
  tokens_input   bigint,
  tokens_output  bigint,
  cost_usd       numeric
)
LANGUAGE sql STABLE
AS $$
  SELECT
    (t.created_at AT TIME ZONE 'UTC')::date,
    t.provider,
    t.model,
    t.task_type,
    count(*),
    sum(t.tokens_input)::bigint,
    sum(t.tokens_output)::bigint,
    sum(t.cost_usd)
  FROM public.ai_usage_tracking t
  WHERE t.created_at >= now() - make_interval(days => p_days)
  GROUP BY 1, 2, 3, 4
  ORDER BY 1 DESC, 2, 3, 4
$$;

-- Indexes -------------------------------------------------------------------

CREATE INDEX idx_users_phone_btree
  ON public.users USING btree (phone_number);

CREATE INDEX idx_conversations_userid_btree
  ON public.conversations USING btree (user_id);
CREATE INDEX idx_conversations_wa_conversation_id
  ON public.conversations USING btree (wa_conversation_id);

CREATE INDEX idx_messages_v2_conversation_timestamp
  ON public.messages_v2 USING btree (conversation_id, "timestamp" DESC);

CREATE INDEX idx_user_memory_userid_btree
  ON public.user_memory USING btree (user_id);
CREATE INDEX user_memory_embedding_idx
  ON public.user_memory USING hnsw (embedding vector_ip_ops);

CREATE INDEX idx_ai_usage_tracking_userid_created
  ON public.ai_usage_tracking USING btree (user_id, created_at DESC);
CREATE INDEX idx_ai_usage_tracking_conversation_id
  ON public.ai_usage_tracking USING btree (conversation_id);
CREATE INDEX idx_ai_usage_tracking_provider_created
  ON public.ai_usage_tracking USING btree (provider, created_at DESC);

-- Row level security ----------------------------------------------------------

ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.messages_v2 ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.user_memory ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.ai_usage_tracking ENABLE ROW LEVEL SECURITY;

CREATE POLICY users_select_own ON public.users
  FOR SELECT
  USING (id = (SELECT auth.uid()));
CREATE POLICY users_update_own ON public.users
  FOR UPDATE
  USING (id = (SELECT auth.uid()))
  WITH CHECK (id = (SELECT auth.uid()));

CREATE POLICY conversations_all_own ON public.conversations
  FOR ALL
  USING (user_id = (SELECT auth.uid()))
  WITH CHECK (user_id = (SELECT auth.uid()));

CREATE POLICY messages_v2_select_own ON public.messages_v2
  FOR SELECT
  USING (EXISTS (
    SELECT 1 FROM public.conversations c
    WHERE c.id = messages_v2.conversation_id
      AND c.user_id = (SELECT auth.uid())
  ));
CREATE POLICY messages_v2_insert_own ON public.messages_v2
  FOR INSERT
  WITH CHECK (EXISTS (
    SELECT 1 FROM public.conversations c
    WHERE c.id = messages_v2.conversation_id
      AND c.user_id = (SELECT auth.uid())
  ));

CREATE POLICY user_memory_all_own ON public.user_memory
  FOR ALL
  USING (user_id = (SELECT auth.uid()))
  WITH CHECK (user_id = (SELECT auth.uid()));

CREATE POLICY ai_usage_tracking_select_own ON public.ai_usage_tracking
  FOR SELECT
  USING (user_id = (SELECT auth.uid()));
