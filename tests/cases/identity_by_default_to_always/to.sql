create table public.devices (
    id bigint generated always as identity (start with 5000) primary key,
    serial text not null unique
);
