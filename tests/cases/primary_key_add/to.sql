create table countries (
    iso_code char(2) not null,
    name text not null,
    constraint countries_pkey primary key (iso_code)
);
