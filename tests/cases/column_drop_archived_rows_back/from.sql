create table accounts (
    tenant_id integer not null,
    id integer not null,
    name text not null,
    legacy_pin text default 'none',
    legacy_code varchar(8) not null check (legacy_code <> ''),
    primary key (tenant_id, id)
);

insert into accounts (tenant_id, id, name, legacy_pin, legacy_code)
    select n % 3, n, 'account ' || n, case when n % 7 = 0 then null else lpad((n * 37 % 10000)::text, 4, '0') end,
           'C' || n
    from generate_series(1, 300) n;
