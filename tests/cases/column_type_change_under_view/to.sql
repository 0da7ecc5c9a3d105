create table employees (
    id integer primary key,
    name varchar(200) not null,
    department text not null,
    salary_cents bigint not null,
    terminated_at date
);

create view active_employees as
    select id, name, department
    from employees
    where terminated_at is null;
