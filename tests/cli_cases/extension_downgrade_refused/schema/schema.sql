create extension if not exists hstore version '1.7';
create table listings (id bigint primary key, attributes hstore);
