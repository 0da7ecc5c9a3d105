create table audit_events (
    id bigint not null,
    message text not null
);
