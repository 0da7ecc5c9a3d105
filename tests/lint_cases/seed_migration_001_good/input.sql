-- Create B-tree indexes for RLS performance
CREATE INDEX IF NOT EXISTS idx_users_phone_btree
  ON public.users USING btree (phone_number);

CREATE INDEX IF NOT EXISTS idx_conversations_userid_btree
  ON public.conversations USING btree (user_id);

-- Optimized RLS policies with function wrapping
DROP POLICY IF EXISTS "users_select_own" ON public.users;
CREATE POLICY "users_select_own" ON public.users
  FOR SELECT
  USING (id = (SELECT auth.uid()));  -- Wrapped for initPlan
