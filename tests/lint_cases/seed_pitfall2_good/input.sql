-- ✅ Must recreate type
ALTER TYPE msg_type RENAME TO msg_type_old;
CREATE TYPE msg_type AS ENUM ('text', 'image', 'audio', 'video');  -- Exclude 'voice'
ALTER TABLE messages_v2 ALTER COLUMN type TYPE msg_type USING type::TEXT::msg_type;
DROP TYPE msg_type_old;
