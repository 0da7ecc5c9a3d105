-- every other column changes type: nothing is left to find the rows by
create table events (
    happened_at timestamptz not null,
    kind text not null
);
