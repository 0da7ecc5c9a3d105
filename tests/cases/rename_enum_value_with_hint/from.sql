create type public.msg_kind as enum ('text', 'voice', 'image');
create table public.msgs (id bigint primary key, kind public.msg_kind not null);
insert into public.msgs values (1, 'voice'), (2, 'text');
