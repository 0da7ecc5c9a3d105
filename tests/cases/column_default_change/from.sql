create table tasks (
    id integer primary key,
    priority integer not null default 1
);
