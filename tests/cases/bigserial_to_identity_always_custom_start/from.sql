create table shipments (
    id bigserial primary key,
    carrier text not null,
    shipped_at timestamptz not null default now()
);
insert into shipments (carrier) select 'carrier ' || g from generate_series(1, 40) g;
