create table devices (
  id bigint generated always as identity primary key,
  serial text not null,
  owner text not null
);
create unique index devices_serial_key on devices (serial);
create unique index devices_owner_serial_key on devices (owner, serial);
alter table devices replica identity using index devices_owner_serial_key;
