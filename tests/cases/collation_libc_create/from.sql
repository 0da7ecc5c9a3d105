create table files (
    id bigint generated always as identity primary key,
    path text not null
);
