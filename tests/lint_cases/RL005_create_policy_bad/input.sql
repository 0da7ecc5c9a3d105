CREATE POLICY "users_select_own" ON public.users
  FOR SELECT
  USING (id = 1);
-- Dropping another policy, or the same one on another table, is no guard.
DROP POLICY IF EXISTS users_update_own ON public.accounts;
CREATE POLICY users_update_own ON public.users FOR UPDATE USING (true);
