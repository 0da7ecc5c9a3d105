create table public.payments (id bigint primary key, amount_cents integer not null);
insert into public.payments select g, g * 100 from generate_series(1, 500) g;
