create table employees (
    id integer primary key,
    name text not null,
    salary_cents bigint not null
);

create view employee_names as
    select id, name
    from employees;
grant select on employee_names to app_reader;
grant select (name) on employee_names to app_auditor;
revoke all on employees from app_reader;
