-- GENERATED ALWAYS with its own sequence options (a start and a cache of its own): a database
-- built from this file names the identity's sequence shipments_id_seq.
create table shipments (
    id bigint generated always as identity (start with 1000 increment by 1 cache 20) primary key,
    carrier text not null,
    shipped_at timestamptz not null default now()
);
