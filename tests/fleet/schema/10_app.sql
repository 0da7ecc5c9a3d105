-- The shape every target of the fleet tests converges to: one schema, `app`.
CREATE SCHEMA app;

CREATE TABLE app.users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app.notes (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES app.users (id) ON DELETE CASCADE,
    body text NOT NULL,
    pinned boolean NOT NULL DEFAULT false
);

CREATE INDEX notes_user_idx ON app.notes (user_id);

CREATE VIEW app.pinned AS SELECT n.id, n.user_id, n.body FROM app.notes n WHERE n.pinned;

CREATE FUNCTION app.note_count(uid bigint) RETURNS bigint
    LANGUAGE sql STABLE
    AS $$ SELECT count(*) FROM app.notes WHERE user_id = uid $$;
