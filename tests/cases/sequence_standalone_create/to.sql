create sequence invoice_number_seq start with 1000 increment by 1;

create table invoices (
    id integer primary key,
    customer text not null,
    invoice_number bigint not null default nextval('invoice_number_seq')
);
