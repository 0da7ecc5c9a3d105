ALTER TYPE msg_type ADD VALUE 'sticker';
ALTER TYPE msg_type ADD VALUE 'reaction' AFTER 'sticker';
