create domain public.percentage as numeric(5,2) default 5
    constraint percentage_range check (value > 0 and value <= 100);
create table public.discounts (
    id bigint primary key,
    code text not null,
    rate public.percentage not null
);
