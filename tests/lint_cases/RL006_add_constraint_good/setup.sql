CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);
CREATE TABLE invites (id bigint PRIMARY KEY, phone_number text);
