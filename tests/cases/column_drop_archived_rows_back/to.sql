create table accounts (
    tenant_id integer not null,
    id integer not null,
    name text not null,
    primary key (tenant_id, id)
);
