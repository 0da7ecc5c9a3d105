DROP POLICY IF EXISTS "users_select_own" ON public.users;
CREATE POLICY "users_select_own" ON public.users
  FOR SELECT
  USING (id = 1);
-- Unqualified names are in public.
DROP POLICY IF EXISTS users_update_own ON users;
CREATE POLICY users_update_own ON public.users FOR UPDATE USING (true);
