create table public.settings (key text primary key, value text);
