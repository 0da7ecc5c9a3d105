create table reports (
    id bigint generated always as identity primary key,
    published boolean not null default false,
    body text not null
);

alter table reports enable row level security;

create policy reports_read on reports
    for select
    to pg_monitor
    using (published);
