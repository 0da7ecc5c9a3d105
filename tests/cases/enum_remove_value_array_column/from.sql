create type public.channel as enum ('sms', 'whatsapp', 'fax');
create table public.contacts (id bigint primary key, channels public.channel[] not null default '{}');
insert into public.contacts values (1, '{sms,whatsapp}');
