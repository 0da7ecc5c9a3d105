create table events (
    id bigint generated always as identity primary key,
    kind text not null,
    tenant_id integer not null,
    payload jsonb,
    body text
);
alter table events alter column tenant_id set statistics 200;
alter table events alter column body set storage external;
alter table events alter column kind set (n_distinct = 50);
