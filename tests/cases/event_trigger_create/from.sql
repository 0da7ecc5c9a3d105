create table ddl_audit (
    id bigint generated always as identity primary key,
    tag text not null,
    object text,
    at timestamptz not null default now()
);
