create table documents (
    id bigint generated always as identity primary key,
    title text not null,
    -- a new column with its own settings
    content text
);
alter table documents alter column content set storage external;
alter table documents alter column title set statistics 300;

-- a new table whose columns are not at the defaults
create table document_blobs (
    document_id bigint primary key references documents,
    raw bytea not null,
    checksum text not null
);
alter table document_blobs alter column raw set storage external;
alter table document_blobs alter column checksum set storage plain;
alter table document_blobs alter column document_id set statistics 0;
alter table document_blobs alter column checksum set (n_distinct = -1);
