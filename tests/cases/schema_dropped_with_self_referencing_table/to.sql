-- the catalog schema goes, with its self-referencing table: the table's key, foreign key and
-- table are dropped before the schema (a cycle in the drop order put them after it)
create table public.products (id bigint primary key, name text not null);
