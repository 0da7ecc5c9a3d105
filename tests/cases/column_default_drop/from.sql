create table tasks (
    id integer primary key,
    status text not null default 'open'
);
