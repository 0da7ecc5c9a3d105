create table attachments (
    id bigint generated always as identity primary key,
    name text not null,
    content bytea not null,
    preview text
);
-- lz4 is faster to compress and decompress than pglz; new values only (no rewrite)
alter table attachments alter column content set compression lz4;
alter table attachments alter column preview set compression default;
