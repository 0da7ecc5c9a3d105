create table events (
    happened_at timestamp not null,
    kind varchar(20) not null,
    detail text
);

insert into events values (timestamp '2024-01-01', 'login', 'from the web');
