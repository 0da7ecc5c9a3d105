-- Shelf positions as ranges of text, ordered by the C collation at first.
create type public.shelf_span as range (subtype = text, collation = "C");
create table public.shelf (
    id integer primary key,
    aisle integer not null,
    labels public.shelf_span not null,
    -- no two shelves of an aisle hold overlapping labels
    constraint shelf_labels_excl exclude using gist (labels with &&) where (aisle > 0)
);
insert into public.shelf values (1, 1, '[a,f)'), (2, 1, '[f,m)'), (3, 2, '[M,Z]');
