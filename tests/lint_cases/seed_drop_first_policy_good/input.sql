-- ✅ Good: Drop before create
DROP POLICY IF EXISTS "allow_all_users" ON public.users;
CREATE POLICY "allow_all_users" ON public.users
  FOR ALL USING (true) WITH CHECK (true);
