create table employees (
    id integer primary key,
    name text not null,
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

insert into employees values (1, 'Ada Lovelace', 'eng', null), (2, 'Alan Turing', 'eng', '2020-01-01');
