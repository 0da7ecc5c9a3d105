-- Add WhatsApp v23.0 message types
ALTER TYPE msg_type ADD VALUE IF NOT EXISTS 'sticker';
ALTER TYPE msg_type ADD VALUE IF NOT EXISTS 'reaction';
ALTER TYPE msg_type ADD VALUE IF NOT EXISTS 'order';

-- Note: 'voice' was invalid (WhatsApp uses 'audio')
-- Cannot remove enum values without recreating type
