-- 30_functions.sql
-- Functions.
-- set_updated_at(): stamps updated_at on every UPDATE.
-- reset_daily_proactive_count(): resets the proactive message counter of a
-- messaging window when the last proactive send was on an earlier
-- America/Bogota calendar day (migration 007).
-- ai_daily_costs(): per-day AI cost report (migration 004), RLS-aware.

CREATE FUNCTION public.set_updated_at() RETURNS TRIGGER AS $$
BEGIN
  NEW.updated_at = NOW();
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION public.reset_daily_proactive_count() RETURNS TRIGGER AS $$
BEGIN
  IF NEW.last_proactive_sent_at IS NOT NULL AND
     DATE(NEW.last_proactive_sent_at AT TIME ZONE 'America/Bogota') <
     DATE(NOW() AT TIME ZONE 'America/Bogota') THEN
    NEW.proactive_messages_sent_today = 0;
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

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
