create table notes (id integer primary key, body text);
grant select on notes to public;

create function note_count() returns bigint language sql stable as $$ select count(*) from notes $$;
