create table public.settings (key text primary key, value text);

insert into public.settings (key, value) values ('mode', 'on');
