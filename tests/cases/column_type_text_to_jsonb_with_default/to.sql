create table public.user_settings (
    user_id bigint primary key,
    prefs jsonb not null default '{}'
);
