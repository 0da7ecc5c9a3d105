-- 1. Check if table exists
SELECT * FROM information_schema.tables
WHERE table_schema = 'public' AND table_name = 'users';

-- 2. Check if column exists
SELECT column_name, data_type
FROM information_schema.columns
WHERE table_schema = 'public' AND table_name = 'users';

-- 3. Check if index exists
SELECT * FROM pg_indexes
WHERE schemaname = 'public' AND tablename = 'users';

-- 4. Check enum values
SELECT enumlabel FROM pg_enum
WHERE enumtypid = 'msg_type'::regtype;
