create table orders (
    id bigint primary key,
    customer_id integer not null,
    placed_at timestamptz not null,
    note text
);
insert into orders select g, g % 97, now() - g * interval '1 minute', 'n' || g from generate_series(1, 2000) g;
create index orders_note_idx on orders (note);
