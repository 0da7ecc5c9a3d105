create table reports (
    id bigint generated always as identity primary key,
    published boolean not null default false,
    body text not null
);

alter table reports enable row level security;

-- Same command and expression, other roles (predefined ones: no role to create in the cluster).
create policy reports_read on reports
    for select
    to pg_monitor, pg_read_all_stats
    using (published);
