-- 00_extensions.sql
-- Extensions required by the migue.ai schema.
-- pgvector backs semantic memory (public.user_memory.embedding).
-- gen_random_uuid() is core PostgreSQL (13+), so pgcrypto is not needed.

CREATE EXTENSION IF NOT EXISTS vector;
