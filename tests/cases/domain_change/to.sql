create domain public.phone as text default '+0' not null
  constraint phone_e164 check (value ~ '^[+]?[0-9]+$');
create table public.contacts (id bigint primary key, phone public.phone);
