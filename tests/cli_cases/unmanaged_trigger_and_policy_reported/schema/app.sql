create schema auth;
create table auth.users (id uuid primary key);
create schema storage;
create table storage.objects (id uuid primary key, owner uuid);
create table public.profiles (id uuid primary key);
create function public.handle_new_user() returns trigger language plpgsql as $$ begin insert into public.profiles (id) values (new.id); return new; end $$;
