create table reports (id integer primary key, title text not null);
grant select, insert on reports to app_reader;
revoke all on schema public from public;
alter default privileges grant select on tables to app_reader;
