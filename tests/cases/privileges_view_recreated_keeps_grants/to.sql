create table employees (
    id integer primary key,
    name varchar(200) not null,
    salary_cents bigint not null
);

create view employee_names as
    select id, name
    from employees;
grant select on employee_names to app_reader;
grant select (name) on employee_names to app_auditor;

create function employee_name(p_id integer) returns text
language sql stable
as $$ select name::text from employee_names where id = p_id $$;
revoke execute on function employee_name(integer) from public;
grant execute on function employee_name(integer) to app_reader;
