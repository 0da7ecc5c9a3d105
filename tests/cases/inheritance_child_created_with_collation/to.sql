-- A new parent and a child whose own column uses the schema's collation: the child still holds the
-- parent's columns only through it (the engine prints the collation with its schema, and the
-- child's CREATE TABLE is printed again the same way).
CREATE SCHEMA app;
CREATE COLLATION app.plain (provider = libc, locale = 'C');
CREATE TABLE app.notes (
    id integer NOT NULL,
    written_on date,
    CONSTRAINT notes_written_on_check CHECK (written_on > '1900-01-01')
);
CREATE TABLE app.sticky_notes (
    label varchar(20) COLLATE app.plain
) INHERITS (app.notes);
