-- ❌ Can't remove enum values
ALTER TYPE msg_type DROP VALUE 'voice';  -- ERROR: not supported
