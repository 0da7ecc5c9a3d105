create table employees (
    id integer primary key,
    name text not null,
    department text not null,
    salary_cents bigint not null,
    terminated_at date
);

create materialized view department_salary_totals as
    select department, sum(salary_cents) as total_salary_cents, count(*) as headcount
    from employees
    where terminated_at is null
    group by department;

create unique index department_salary_totals_department_idx on department_salary_totals (department);
