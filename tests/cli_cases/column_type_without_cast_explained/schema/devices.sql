-- inet has no cast to integer: no plan can convert the values
create table devices (id bigint primary key, address integer not null);
