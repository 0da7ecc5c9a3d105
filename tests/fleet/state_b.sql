-- State B: the columns are there already, the index, view and function are not.
CREATE SCHEMA {schema};
CREATE TABLE {schema}.users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE {schema}.notes (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES {schema}.users (id) ON DELETE CASCADE,
    body text NOT NULL,
    pinned boolean NOT NULL DEFAULT false
);
