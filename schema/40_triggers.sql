-- 40_triggers.sql
-- Triggers. BEFORE UPDATE triggers fire in name order, so on
-- messaging_windows the daily reset runs before the updated_at stamp.

CREATE TRIGGER t_users_updated
  BEFORE UPDATE ON public.users
  FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();

CREATE TRIGGER t_conversations_updated
  BEFORE UPDATE ON public.conversations
  FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();

CREATE TRIGGER t_messaging_windows_reset_daily
  BEFORE UPDATE ON public.messaging_windows
  FOR EACH ROW EXECUTE FUNCTION public.reset_daily_proactive_count();

CREATE TRIGGER t_messaging_windows_updated
  BEFORE UPDATE ON public.messaging_windows
  FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
