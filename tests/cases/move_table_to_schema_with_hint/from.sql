create schema legacy;
create schema billing;
create table legacy.invoice (id bigint primary key, total_cents integer not null);
insert into legacy.invoice values (1, 1500), (2, 990);
