-- Shelf positions as ranges of text, ordered by the POSIX collation.
create type public.shelf_span as range (subtype = text, collation = "POSIX");
create table public.shelf (
    id integer primary key,
    aisle integer not null,
    labels public.shelf_span not null,
    -- no two shelves of an aisle hold overlapping labels
    constraint shelf_labels_excl exclude using gist (labels with &&) where (aisle > 0)
);
