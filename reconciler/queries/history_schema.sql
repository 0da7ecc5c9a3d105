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
