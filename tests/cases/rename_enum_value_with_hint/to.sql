create type public.msg_kind as enum ('text', /* reconcile:renamed-from voice */ 'audio', 'image');
create table public.msgs (id bigint primary key, kind public.msg_kind not null);
