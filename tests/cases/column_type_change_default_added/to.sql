-- priority becomes a label with a default no integer could hold; tags become text with one of
-- their own; the rollback drops those defaults before the types go back
create table public.tickets (
    id bigint primary key,
    priority text default '',
    tags text default 'none'
);
