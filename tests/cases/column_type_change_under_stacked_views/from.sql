create table employees (
    id integer primary key,
    name text not null,
    department text not null,
    salary_cents integer not null,
    terminated_at date
);

create view active_employees as
    select id, name, department, salary_cents
    from employees
    where terminated_at is null;

create view department_payroll as
    select department, count(*) as headcount, sum(salary_cents) as payroll_cents
    from active_employees
    group by department;

create view payroll_report as
    select department, payroll_cents / headcount as average_cents
    from department_payroll
    where headcount > 0;

insert into employees values (1, 'Ada', 'eng', 100000, null), (2, 'Alan', 'eng', 90000, null);
