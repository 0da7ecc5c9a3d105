CREATE TYPE msg_type AS ENUM ('text', 'image');
