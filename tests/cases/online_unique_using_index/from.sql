create table users (id bigint not null, email text not null);
insert into users select g, 'u' || g || '@example.com' from generate_series(1, 1000) g;
