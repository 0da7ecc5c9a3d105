create table users (
    id bigint generated always as identity primary key,
    email text not null unique
);

create table legacy_audit (
    id bigint generated always as identity primary key,
    user_id bigint references users (id),
    payload text not null,
    created_at timestamptz not null default now()
);
create index legacy_audit_user_id_idx on legacy_audit (user_id);
comment on table legacy_audit is 'What the old app logged';

create view legacy_audit_by_user as
    select u.email, count(*) as events from legacy_audit a join users u on u.id = a.user_id group by u.email;

insert into users (email) values ('ada@example.com'), ('bob@example.com');
insert into legacy_audit (user_id, payload, created_at)
    select 1 + (n % 2), 'event ' || n, timestamptz '2024-01-01' + n * interval '1 hour'
    from generate_series(1, 500) n;
