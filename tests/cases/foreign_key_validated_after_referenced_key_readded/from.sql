create table public.account (
    id integer primary key,
    email text not null,
    constraint account_email_uq unique (email) deferrable initially deferred
);
insert into public.account values (1, 'a@example.com'), (2, 'b@example.com');
