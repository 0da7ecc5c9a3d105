-- Two mixin tables (an audit trail and an owner), each with rows of its own.
create table public.audited (
    changed_at timestamptz not null default '2025-01-01 00:00+00',
    changed_by text,
    constraint audited_changed_by_check check (changed_by <> '')
);
create table public.owned (
    owner_id bigint,
    changed_by text
);
insert into public.audited values ('2025-01-02 00:00+00', 'ann');
insert into public.owned values (7, 'bob');
