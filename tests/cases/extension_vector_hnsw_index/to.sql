create extension if not exists vector;

create table documents (
    id bigint primary key,
    body text not null,
    embedding vector(3)
);

create index documents_embedding_hnsw_idx on documents using hnsw (embedding vector_ip_ops);
