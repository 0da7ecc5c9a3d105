create table accounts (id bigint primary key, email text);
create table invoices (id bigint primary key, total numeric not null);
insert into accounts values (1, 'ana@example.com'), (2, 'bo@example.com');
insert into invoices values (1, 10), (2, 20);
