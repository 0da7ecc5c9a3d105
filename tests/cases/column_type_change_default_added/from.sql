create table public.tickets (
    id bigint primary key,
    priority integer,
    tags jsonb
);
insert into public.tickets values (1, 3, '["a"]'), (2, null, null), (3, 12, '[]');
