create table employees (
    id integer primary key,
    name text not null,
    department text not null,
    salary_cents bigint not null,
    terminated_at date
);
