create table shipments (
    seq_no integer not null,
    destination text not null
);
insert into shipments values (1, 'Lyon'), (2, 'Porto'), (3, 'Gdansk');
