CREATE TABLE IF NOT EXISTS users (
  id bigint PRIMARY KEY,
  phone_number text NOT NULL  -- E.164
);
create unlogged table if not exists events (id bigint);
CREATE TABLE IF NOT EXISTS recent_users AS SELECT id FROM users;
