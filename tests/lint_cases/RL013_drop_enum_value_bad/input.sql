ALTER TYPE msg_type ADD VALUE IF NOT EXISTS 'sticker';
  ALTER TYPE public.msg_type DROP VALUE 'voice';
ALTER TYPE msg_type ADD VALUE IF NOT EXISTS 'reaction';
