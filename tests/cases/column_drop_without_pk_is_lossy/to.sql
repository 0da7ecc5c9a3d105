create table events (
    happened_at timestamptz not null,
    kind text not null
);
