create extension hstore version '1.8';
create table listings (id bigint primary key, attributes hstore);
