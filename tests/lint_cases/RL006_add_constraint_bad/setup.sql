CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);
CREATE TABLE messages (id bigint PRIMARY KEY, user_id bigint);
CREATE TABLE invites (id bigint PRIMARY KEY, phone_number text);
