create table orders (
    id bigint generated always as identity primary key,
    placed_at timestamptz not null default now(),
    total_cents integer not null check (total_cents >= 0)
);
insert into orders (total_cents) select g * 100 from generate_series(1, 8) g;
