-- A schema with its own collation, no hierarchy yet.
CREATE SCHEMA app;
CREATE COLLATION app.plain (provider = libc, locale = 'C');
