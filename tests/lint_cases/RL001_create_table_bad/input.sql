CREATE TABLE users (
  id bigint PRIMARY KEY,
  phone_number text NOT NULL  -- E.164
);
create unlogged table events (id bigint);
CREATE TABLE recent_users AS SELECT id FROM users;
