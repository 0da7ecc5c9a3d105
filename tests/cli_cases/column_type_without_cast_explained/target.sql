create table devices (id bigint primary key, address inet not null);
