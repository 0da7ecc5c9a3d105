-- Removing a value: recreate the type.
ALTER TYPE msg_type RENAME TO msg_type_old;
CREATE TYPE msg_type AS ENUM ('text', 'image', 'audio', 'video');
ALTER TABLE messages ALTER COLUMN type TYPE msg_type USING type::text::msg_type;
DROP TYPE msg_type_old;
