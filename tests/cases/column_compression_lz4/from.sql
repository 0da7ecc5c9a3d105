create table attachments (
    id bigint generated always as identity primary key,
    name text not null,
    content bytea not null,
    preview text
);
alter table attachments alter column preview set compression pglz;
