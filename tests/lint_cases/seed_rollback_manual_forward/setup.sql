CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);
