create sequence ticket_no minvalue 1 maxvalue 1000000;
create sequence countdown increment by -1 minvalue -1000 maxvalue -1 start with -1;
create table tickets (
    no bigint primary key default nextval('ticket_no'),
    down bigint not null default nextval('countdown'),
    subject text not null
);
insert into tickets (subject) select 'ticket ' || g from generate_series(1, 30) g;
