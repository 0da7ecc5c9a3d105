create table notes (id integer primary key, body text);

create function note_count() returns bigint language sql stable as $$ select count(*) from notes $$;
revoke execute on function note_count() from public;
alter default privileges grant select on tables to public;
