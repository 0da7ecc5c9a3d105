create table public.countries (
    code char(2) not null,
    name text not null,
    constraint countries_code_key unique (code)
);
create table public.addresses (
    id bigint primary key,
    country char(2) not null references public.countries (code),
    line1 text not null
);
create table public.tax_rates (
    country char(2) not null references public.countries (code) on delete cascade,
    rate numeric(5,2) not null
);
insert into public.countries values ('FR', 'France'), ('DE', 'Germany');
insert into public.addresses values (1, 'FR', '1 rue de Rivoli');
insert into public.tax_rates values ('DE', 19);
