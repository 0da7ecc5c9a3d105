create table employees (
    id integer primary key,
    name text not null,
    department text not null,
    salary_cents bigint not null,
    terminated_at date
);

create view active_employees as
    select id, name, department
    from employees
    where terminated_at is null;
