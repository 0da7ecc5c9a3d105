create table public.user_settings (
    user_id bigint primary key,
    prefs text not null default '{}'
);
insert into public.user_settings values (1, '{"theme": "dark"}'), (2, default);
