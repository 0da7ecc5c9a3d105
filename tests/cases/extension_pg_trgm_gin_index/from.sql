create table articles (
    id integer primary key,
    title text not null
);
