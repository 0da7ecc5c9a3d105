-- 50_indexes.sql
-- Secondary indexes: B-tree indexes backing RLS predicates (migration 001),
-- foreign keys, status/time lookups, and the pgvector HNSW index.

-- users
CREATE INDEX idx_users_phone_btree
  ON public.users USING btree (phone_number);

-- conversations
CREATE INDEX idx_conversations_userid_btree
  ON public.conversations USING btree (user_id);
CREATE INDEX idx_conversations_wa_conversation_id
  ON public.conversations USING btree (wa_conversation_id);

-- messages_v2
CREATE INDEX idx_messages_v2_conversation_timestamp
  ON public.messages_v2 USING btree (conversation_id, "timestamp" DESC);

-- user_memory
CREATE INDEX idx_user_memory_userid_btree
  ON public.user_memory USING btree (user_id);
CREATE INDEX user_memory_embedding_idx
  ON public.user_memory USING hnsw (embedding vector_ip_ops);

-- ai_usage_tracking
CREATE INDEX idx_ai_usage_tracking_userid_created
  ON public.ai_usage_tracking USING btree (user_id, created_at DESC);
CREATE INDEX idx_ai_usage_tracking_conversation_id
  ON public.ai_usage_tracking USING btree (conversation_id);
CREATE INDEX idx_ai_usage_tracking_provider_created
  ON public.ai_usage_tracking USING btree (provider, created_at DESC);

-- scheduled_messages
CREATE INDEX idx_scheduled_messages_userid_btree
  ON public.scheduled_messages USING btree (user_id);
CREATE INDEX idx_scheduled_messages_pending
  ON public.scheduled_messages USING btree (scheduled_time)
  WHERE status = 'pending';

-- messaging_windows (user_id and phone_number are already UNIQUE)
CREATE INDEX idx_messaging_windows_expires_at
  ON public.messaging_windows USING btree (window_expires_at);

-- dead_letter_queue
CREATE INDEX idx_dead_letter_queue_unprocessed
  ON public.dead_letter_queue USING btree (created_at)
  WHERE processed_at IS NULL;
CREATE INDEX idx_dead_letter_queue_wa_message_id
  ON public.dead_letter_queue USING btree (wa_message_id);
CREATE INDEX idx_dead_letter_queue_phone_number
  ON public.dead_letter_queue USING btree (phone_number);
