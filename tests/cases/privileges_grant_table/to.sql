create table accounts (
    id integer primary key,
    email text not null,
    password_hash text not null
);
grant select, insert, update on accounts to app_writer;
grant select on accounts to app_reader with grant option;
-- column privileges: the reader may see and the auditor may update only some columns
grant select (id, email) on accounts to app_auditor;
grant update (email) on accounts to app_auditor;

create table audit_log (
    id bigint generated always as identity primary key,
    account_id integer references accounts (id),
    message text not null
);
grant select on audit_log to app_reader;
grant insert on audit_log to app_writer;
grant references (account_id) on audit_log to app_auditor;
