-- Every extension of the database and its installed version (the proof's copy creates each at it).
SELECT e.extname, e.extversion FROM pg_extension e ORDER BY 1
