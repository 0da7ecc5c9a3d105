-- Create messaging_windows table
CREATE TABLE IF NOT EXISTS messaging_windows (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id UUID NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  phone_number TEXT NOT NULL UNIQUE,
  window_opened_at TIMESTAMPTZ NOT NULL,
  window_expires_at TIMESTAMPTZ NOT NULL,
  proactive_messages_sent_today INT NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

-- Auto-reset daily counter trigger
CREATE OR REPLACE FUNCTION reset_daily_proactive_count()
RETURNS TRIGGER AS $$
BEGIN
  IF NEW.last_proactive_sent_at IS NOT NULL AND
     DATE(NEW.last_proactive_sent_at AT TIME ZONE 'America/Bogota') <
     DATE(NOW() AT TIME ZONE 'America/Bogota') THEN
    NEW.proactive_messages_sent_today = 0;
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS t_messaging_windows_reset_daily ON messaging_windows;
CREATE TRIGGER t_messaging_windows_reset_daily
  BEFORE UPDATE ON messaging_windows
  FOR EACH ROW EXECUTE FUNCTION reset_daily_proactive_count();
