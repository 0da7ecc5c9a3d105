-- 10_types.sql
-- Enumerated types.
-- msg_type: WhatsApp Cloud API v23.0 message types. Values are listed in
-- historical order (migration 006 appended 'sticker', 'reaction', 'order').
-- The invalid 'voice' value (WhatsApp uses 'audio') is intentionally absent.

CREATE TYPE public.msg_type AS ENUM (
  'text',
  'image',
  'audio',
  'video',
  'document',
  'location',
  'interactive',
  'button',
  'contacts',
  'system',
  'sticker',
  'reaction',
  'order'
);
