create extension if not exists pg_trgm;

create table articles (
    id integer primary key,
    title text not null
);

create index articles_title_trgm_idx on articles using gin (title gin_trgm_ops);
