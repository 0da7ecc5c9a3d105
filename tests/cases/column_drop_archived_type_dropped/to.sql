create type status as enum ('active', 'paused');

create table subscriptions (
    id integer primary key,
    state status not null
);
