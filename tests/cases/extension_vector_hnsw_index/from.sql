create table documents (
    id bigint primary key,
    body text not null
);
