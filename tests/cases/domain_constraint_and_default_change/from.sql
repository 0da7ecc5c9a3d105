create domain public.percentage as numeric(5,2) default 0
    constraint percentage_range check (value >= 0 and value <= 100);
create table public.discounts (
    id bigint primary key,
    code text not null,
    rate public.percentage not null
);
insert into public.discounts values (1, 'SPRING', 10), (2, 'VIP', 25.5);
