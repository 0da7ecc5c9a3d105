create schema legacy;
create table legacy.sessions (
    sid bigint primary key,
    account_id bigint not null,
    user_agent text,
    started_at timestamptz not null
);
create index sessions_account_idx on legacy.sessions (account_id);
insert into legacy.sessions values
    (10, 1, 'curl/8.5', '2024-03-01'),
    (11, 2, null, '2024-03-02'),
    (12, 1, 'Mozilla/5.0', '2024-03-03');
