-- email becomes NOT NULL (online: a NOT VALID check, validated, then SET NOT NULL), and invoices
-- get a NOT NULL column with no default, which their rows cannot have
create table accounts (id bigint primary key, email text not null);
create table invoices (id bigint primary key, total numeric not null, currency text not null);
