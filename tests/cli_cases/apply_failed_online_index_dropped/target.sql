create table accounts (id bigint primary key, email text not null);
-- two accounts share an address: a unique index on email cannot be built
insert into accounts values (1, 'ana@example.com'), (2, 'ana@example.com'), (3, 'bo@example.com');
