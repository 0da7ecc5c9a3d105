create table events (
    happened_at timestamptz not null,
    kind text not null,
    detail text
);

insert into events values (timestamptz '2024-01-01', 'login', 'from the web');
