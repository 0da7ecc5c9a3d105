create table countries (
    iso_code char(2) not null,
    name text not null
);
