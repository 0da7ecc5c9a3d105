create table authors (
    id integer primary key,
    name text not null
);

create table posts (
    id integer primary key,
    author_id integer not null,
    title text not null
);

alter table posts
    add constraint posts_author_id_fkey foreign key (author_id) references authors (id) on delete cascade;
