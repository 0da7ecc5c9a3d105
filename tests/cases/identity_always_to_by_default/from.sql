create table public.shipments (
    id integer generated always as identity primary key,
    carrier text not null
);
insert into public.shipments (carrier) values ('ups'), ('dhl');
