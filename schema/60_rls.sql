-- 60_rls.sql
-- Row level security. Every table has RLS enabled; end users only see their
-- own rows. auth.uid() / auth.role() are wrapped in (SELECT ...) so the
-- planner evaluates them once per statement (initPlan, migration 001).
-- Policies apply to PUBLIC (no Supabase roles are referenced). Supabase's
-- service_role bypasses RLS; the explicit service policy on the dead letter
-- queue documents that only the backend may touch it.

ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.messages_v2 ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.user_memory ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.ai_usage_tracking ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.scheduled_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.messaging_windows ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.dead_letter_queue ENABLE ROW LEVEL SECURITY;

-- users
CREATE POLICY users_select_own ON public.users
  FOR SELECT
  USING (id = (SELECT auth.uid()));
CREATE POLICY users_update_own ON public.users
  FOR UPDATE
  USING (id = (SELECT auth.uid()))
  WITH CHECK (id = (SELECT auth.uid()));

-- conversations
CREATE POLICY conversations_all_own ON public.conversations
  FOR ALL
  USING (user_id = (SELECT auth.uid()))
  WITH CHECK (user_id = (SELECT auth.uid()));

-- messages_v2 (ownership through the parent conversation)
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

-- user_memory
CREATE POLICY user_memory_all_own ON public.user_memory
  FOR ALL
  USING (user_id = (SELECT auth.uid()))
  WITH CHECK (user_id = (SELECT auth.uid()));

-- ai_usage_tracking (read-only for end users; the backend writes)
CREATE POLICY ai_usage_tracking_select_own ON public.ai_usage_tracking
  FOR SELECT
  USING (user_id = (SELECT auth.uid()));

-- scheduled_messages
CREATE POLICY scheduled_messages_all_own ON public.scheduled_messages
  FOR ALL
  USING (user_id = (SELECT auth.uid()))
  WITH CHECK (user_id = (SELECT auth.uid()));

-- messaging_windows (read-only for end users; the backend writes)
CREATE POLICY messaging_windows_select_own ON public.messaging_windows
  FOR SELECT
  USING (user_id = (SELECT auth.uid()));

-- dead_letter_queue (backend only)
CREATE POLICY dead_letter_queue_service_only ON public.dead_letter_queue
  FOR ALL
  USING ((SELECT auth.role()) = 'service_role')
  WITH CHECK ((SELECT auth.role()) = 'service_role');
