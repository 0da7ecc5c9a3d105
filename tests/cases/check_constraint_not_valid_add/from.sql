create table products (
    id integer primary key,
    price_cents integer not null
);

-- Legacy rows that break the new rule: the constraint is added NOT VALID so only new rows are checked.
insert into products values (1, 500), (2, -100), (3, 0);
