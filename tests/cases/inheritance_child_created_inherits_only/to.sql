-- A legacy inheritance hierarchy (as before declarative partitioning): a parent with a NOT VALID
-- check, children created with INHERITS that declare only their own columns; one child has its
-- own default and NOT NULL on an inherited column. The children hold the parent's columns and
-- check only through it, as CREATE TABLE … INHERITS makes them.
CREATE TABLE public.events (
    id bigint NOT NULL,
    happened_at timestamptz NOT NULL DEFAULT now(),
    kind text
);

CREATE TABLE public.audit_log (
    id bigint NOT NULL,
    logged_at timestamptz NOT NULL DEFAULT now(),
    actor text
);
ALTER TABLE public.audit_log ADD CONSTRAINT audit_log_id_positive CHECK (id > 0) NOT VALID;

CREATE TABLE public.audit_log_2025 (
    archived boolean NOT NULL DEFAULT false
) INHERITS (public.audit_log);

CREATE TABLE public.audit_log_2026 (
    source text
) INHERITS (public.audit_log);
ALTER TABLE public.audit_log_2026 ALTER COLUMN actor SET DEFAULT 'system';
ALTER TABLE public.audit_log_2026 ALTER COLUMN actor SET NOT NULL;
