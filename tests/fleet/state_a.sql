-- State A (the oldest): no created_at, no pinned, no index, view or function. {schema} is the
-- schema's name: `app` in a database of its own, tenant_x in the schema-per-tenant database.
CREATE SCHEMA {schema};
CREATE TABLE {schema}.users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE TABLE {schema}.notes (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES {schema}.users (id) ON DELETE CASCADE,
    body text NOT NULL
);
INSERT INTO {schema}.users (email) VALUES ('a@example.com');
INSERT INTO {schema}.notes (user_id, body) SELECT id, 'first' FROM {schema}.users;
