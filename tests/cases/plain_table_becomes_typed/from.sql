create table public.billing_address (
    street text not null,
    city text not null,
    zip varchar(10),
    primary key (street, city)
);
insert into public.billing_address values ('1 Main St', 'Springfield', '12345');
