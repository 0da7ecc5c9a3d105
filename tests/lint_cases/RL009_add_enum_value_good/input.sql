ALTER TYPE msg_type ADD VALUE IF NOT EXISTS 'sticker';
ALTER TYPE msg_type ADD VALUE IF NOT EXISTS 'reaction' AFTER 'sticker';
