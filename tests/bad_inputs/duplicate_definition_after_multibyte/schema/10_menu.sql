-- Carte du café — plats, entrées… (accents and dashes before the definitions)
create table public.plats (id bigint primary key, nom text not null default 'crème brûlée');
