-- The tool's own schema: never part of any diff (see model.SYSTEM_SCHEMAS).
CREATE SCHEMA IF NOT EXISTS reconcile;
CREATE TABLE IF NOT EXISTS reconcile.history (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_name        text        NOT NULL,
    plan_kind        text        NOT NULL,
    checksum         text        NOT NULL,
    schema_digest    text,
    from_fingerprint text        NOT NULL,
    to_fingerprint   text        NOT NULL,
    result_fingerprint text,
    applied_by       text        NOT NULL DEFAULT current_user,
    client           text,
    tool_version     text        NOT NULL,
    started_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at      timestamptz,
    duration_ms      bigint,
    status           text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    error            text
);
-- Added later: every statement is idempotent, so older history tables are upgraded in place.
-- backend_pid/backend_start: the session running the steps, so a row left `running` by a
-- killed process can be told from a live one; backup_file: `apply --backup`'s dump.
ALTER TABLE reconcile.history ADD COLUMN IF NOT EXISTS backend_pid integer;
ALTER TABLE reconcile.history ADD COLUMN IF NOT EXISTS backend_start timestamptz;
ALTER TABLE reconcile.history ADD COLUMN IF NOT EXISTS backup_file text;
-- rollback_plan: the text of the plan's rollback file, so a run killed between steps can be undone
-- by the next apply even where the file is gone; recovery: what that next apply found and did.
ALTER TABLE reconcile.history ADD COLUMN IF NOT EXISTS rollback_plan text;
ALTER TABLE reconcile.history ADD COLUMN IF NOT EXISTS recovery text;
-- snapshot: the canonical rows of the managed schema a successful apply left (what the fingerprint
-- hashes, as [[kind, name, definition], …]): `drift` tells pending from out-of-band changes with it.
ALTER TABLE reconcile.history ADD COLUMN IF NOT EXISTS snapshot jsonb;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                   WHERE conrelid = 'reconcile.history'::regclass AND conname = 'history_status_check'
                     AND pg_get_constraintdef(oid) LIKE '%aborted%') THEN
        ALTER TABLE reconcile.history DROP CONSTRAINT IF EXISTS history_status_check;
        ALTER TABLE reconcile.history ADD CONSTRAINT history_status_check
            CHECK (status IN ('running', 'succeeded', 'failed', 'aborted'));
    END IF;
END
$$;
