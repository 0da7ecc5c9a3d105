create table authors (id bigint primary key, name text);
create table books (
    id bigint primary key,
    author_id bigint not null references authors (id),
    title text not null,
    isbn text,
    constraint books_title_nonempty check (title <> ''),
    constraint books_isbn_key unique (isbn)
);
create index books_author_idx on books (author_id);
