create table public.products (id bigint primary key, name text not null);
create schema catalog;
-- a tree: each category's parent is a category
create table catalog.categories (
    id bigint primary key,
    parent_id bigint references catalog.categories (id),
    name text not null
);
create index categories_parent_idx on catalog.categories (parent_id);
insert into public.products values (1, 'kettle');
insert into catalog.categories values (1, null, 'kitchen'), (2, 1, 'appliances');
