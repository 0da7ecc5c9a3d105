CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);
COMMENT ON TABLE users IS 'who signs in;
