create table ddl_audit (
    id bigint generated always as identity primary key,
    tag text not null,
    object text,
    at timestamptz not null default now()
);

create function audit_ddl() returns event_trigger language plpgsql as $$
begin
  insert into public.ddl_audit (tag, object)
  select command_tag, object_identity from pg_event_trigger_ddl_commands();
end $$;

create function forbid_drop_table() returns event_trigger language plpgsql as $$
begin
  raise exception 'tables are not dropped here (%)', tg_tag;
end $$;

create event trigger audit_ddl on ddl_command_end execute function audit_ddl();
create event trigger forbid_drop_table on sql_drop when tag in ('DROP TABLE') execute function forbid_drop_table();
alter event trigger forbid_drop_table disable;
