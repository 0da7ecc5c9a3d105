create table accounts (id bigint primary key, name text not null);
create table invoices (
    id bigint primary key,
    account_id bigint not null,
    amount_cents integer not null
);
insert into accounts select g, 'a' || g from generate_series(1, 50) g;
insert into invoices select g, 1 + g % 50, g * 10 from generate_series(1, 1000) g;
