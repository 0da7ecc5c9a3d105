create table notes (
    id bigint generated always as identity primary key,
    body varchar(2000) not null,
    tags text
);
alter table notes alter column body set storage main;
alter table notes alter column body set statistics 250;
alter table notes alter column tags set storage external;
