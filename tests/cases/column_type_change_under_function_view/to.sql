create table employees (
    id integer primary key,
    name varchar(200) not null,
    department text not null,
    terminated_at date
);

create function active_employees() returns setof employees
    language sql stable
    as $$ select * from employees where terminated_at is null $$;

create function initials(full_name text) returns text
    language sql immutable
    as $$ select string_agg(left(part, 1), '') from regexp_split_to_table(full_name, '\s+') as part $$;

create view active_employee_directory as
    select id, name, initials(name) as initials, department
    from active_employees();

