-- New tickets are numbered from 1000 on: MINVALUE rises above the sequence's current value (30).
create sequence ticket_no minvalue 1000 maxvalue 1000000 start with 1000;
-- A descending sequence whose MAXVALUE drops below its current value (-30).
create sequence countdown increment by -1 minvalue -1000 maxvalue -100 start with -100;
create table tickets (
    no bigint primary key default nextval('ticket_no'),
    down bigint not null default nextval('countdown'),
    subject text not null
);
