-- Both collations go: the column moves back to the default collation first.
create table files (
    id bigint generated always as identity primary key,
    path text not null
);
