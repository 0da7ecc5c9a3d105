create table users (
    id bigint not null,
    email text not null,
    constraint users_pkey primary key (id),
    constraint users_email_key unique (email)
);
