-- 20_tables.sql
-- Tables of migue.ai (WhatsApp AI assistant), state after migrations 001-008.
-- Constraint names are spelled out (matching PostgreSQL's default naming)
-- so that diffs are stable and readable.

-- WhatsApp users, identified by their E.164 phone number.
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

-- Conversation threads between a user and the assistant.
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

-- Individual WhatsApp messages (v2 table introduced by migration 002).
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

-- Long-term semantic memory (migration 003), text-embedding-3-small vectors.
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

-- Per-request AI usage and cost, across providers (migration 004).
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

-- Reminders / messages to deliver in the future (migration 005).
CREATE TABLE public.scheduled_messages (
  id              uuid        NOT NULL DEFAULT gen_random_uuid(),
  user_id         uuid        NOT NULL,
  chat_id         text        NOT NULL,
  message         text        NOT NULL,
  scheduled_time  timestamptz NOT NULL,
  status          text        NOT NULL DEFAULT 'pending',
  sent_at         timestamptz,
  error_message   text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT scheduled_messages_pkey PRIMARY KEY (id),
  CONSTRAINT scheduled_messages_user_id_fkey FOREIGN KEY (user_id)
    REFERENCES public.users (id) ON DELETE CASCADE,
  CONSTRAINT scheduled_messages_status_check
    CHECK (status IN ('pending', 'sent', 'failed', 'cancelled'))
);

-- WhatsApp 24h customer-service window per user (migration 007).
CREATE TABLE public.messaging_windows (
  id                             uuid        NOT NULL DEFAULT gen_random_uuid(),
  user_id                        uuid        NOT NULL,
  phone_number                   text        NOT NULL,
  window_opened_at               timestamptz NOT NULL,
  window_expires_at              timestamptz NOT NULL,
  proactive_messages_sent_today  integer     NOT NULL DEFAULT 0,
  last_proactive_sent_at         timestamptz,
  created_at                     timestamptz NOT NULL DEFAULT now(),
  updated_at                     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT messaging_windows_pkey PRIMARY KEY (id),
  CONSTRAINT messaging_windows_user_id_key UNIQUE (user_id),
  CONSTRAINT messaging_windows_phone_number_key UNIQUE (phone_number),
  CONSTRAINT messaging_windows_user_id_fkey FOREIGN KEY (user_id)
    REFERENCES public.users (id) ON DELETE CASCADE
);

-- Dead letter queue for webhook messages that failed processing (20251006).
CREATE TABLE public.dead_letter_queue (
  id             uuid        NOT NULL DEFAULT gen_random_uuid(),
  wa_message_id  text,
  phone_number   text,
  payload        jsonb       NOT NULL,
  error          text        NOT NULL,
  retry_count    integer     NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_retry_at  timestamptz,
  processed_at   timestamptz,
  CONSTRAINT dead_letter_queue_pkey PRIMARY KEY (id),
  CONSTRAINT dead_letter_queue_retry_count_check CHECK (retry_count >= 0)
);
