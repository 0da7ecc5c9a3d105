create table orders (
    id integer primary key,
    placed_at timestamptz not null default now()
);
