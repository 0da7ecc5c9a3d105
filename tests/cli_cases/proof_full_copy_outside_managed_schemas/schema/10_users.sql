create table users (id bigint generated always as identity primary key, email text not null, nickname text);
