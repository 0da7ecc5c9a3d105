CREATE TYPE msg_type AS ENUM ('text', 'image', 'audio', 'video');
create type money_range as range (subtype = numeric);
CREATE DOMAIN phone AS text
  CHECK (VALUE ~ '^[+][1-9][0-9]{7,14}$');
CREATE TYPE address AS (
  street text,
  city   text
);
