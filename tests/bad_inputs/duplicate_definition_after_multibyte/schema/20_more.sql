-- « encore » : défini deux fois
comment on table public.plats is 'déjà là';
   create table public.plats (id bigint primary key);
