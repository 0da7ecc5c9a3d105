create type public.channel as enum ('sms', 'whatsapp');
create table public.contacts (id bigint primary key, channels public.channel[] not null default '{}');
