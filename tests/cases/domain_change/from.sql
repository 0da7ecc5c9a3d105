create domain public.phone as text constraint phone_format check (value ~ '^[0-9]+$');
create table public.contacts (id bigint primary key, phone public.phone);
insert into public.contacts values (1, '573001234567');
