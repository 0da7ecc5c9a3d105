create table invoices (
    id serial primary key,
    customer text not null
);
insert into invoices (id, customer) select nextval('invoices_id_seq'), 'customer ' || g from generate_series(1, 25) g;
