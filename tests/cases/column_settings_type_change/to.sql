create table notes (
    id bigint generated always as identity primary key,
    -- ALTER COLUMN … TYPE puts the storage back to the type's default: it is set again
    body text not null,
    tags text[]
);
alter table notes alter column body set storage main;
alter table notes alter column body set statistics 250;
