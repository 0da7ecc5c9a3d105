create table public.customers (id bigint primary key, email_addr text not null, name text);
create index customers_email_idx on public.customers (email_addr);
insert into public.customers values (1, 'ana@example.com', 'Ana'), (2, 'bo@example.com', null);
