create table ddl_audit (
    id bigint generated always as identity primary key,
    tag text not null,
    object text
);

create function audit_ddl() returns event_trigger language plpgsql as $$
begin
  insert into public.ddl_audit (tag, object)
  select command_tag, object_identity from pg_event_trigger_ddl_commands();
end $$;

create function audit_ddl_v2() returns event_trigger language plpgsql as $$
begin
  insert into public.ddl_audit (tag, object)
  select command_tag, object_identity from pg_event_trigger_ddl_commands() where not in_extension;
end $$;

create function note_start() returns event_trigger language plpgsql as $$
begin
  null;
end $$;

-- tag filter and function change (re-created); enabled states change in place; one is dropped.
create event trigger audit_ddl on ddl_command_end when tag in ('ALTER TABLE', 'CREATE TABLE')
    execute function audit_ddl_v2();
create event trigger note_start on ddl_command_start execute function note_start();
alter event trigger note_start disable;
create event trigger replica_only on ddl_command_start execute function note_start();
alter event trigger replica_only enable always;
