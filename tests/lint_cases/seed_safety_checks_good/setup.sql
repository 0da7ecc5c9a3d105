CREATE TABLE users (id bigint PRIMARY KEY, phone_number text); CREATE TYPE msg_type AS ENUM ('text');
