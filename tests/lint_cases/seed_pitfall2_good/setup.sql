CREATE TYPE msg_type AS ENUM ('text', 'image', 'audio', 'video', 'voice');
CREATE TABLE messages_v2 (id bigint PRIMARY KEY, type msg_type);
