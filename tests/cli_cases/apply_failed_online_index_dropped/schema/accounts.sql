create table accounts (id bigint primary key, email text not null);
create unique index accounts_email_key on accounts (email);
