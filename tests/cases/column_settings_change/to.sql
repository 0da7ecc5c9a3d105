create table events (
    id bigint generated always as identity primary key,
    kind text not null,
    tenant_id integer not null,
    payload jsonb,
    body text
);
-- a larger sample for a skewed column; none for one that is never filtered on
alter table events alter column kind set statistics 1000;
alter table events alter column tenant_id set statistics 0;
-- payload kept in the row where it fits, compressed with pglz; body back to EXTENDED
alter table events alter column payload set storage main;
alter table events alter column payload set compression pglz;
alter table events alter column kind set (n_distinct = -0.05, n_distinct_inherited = 10);
