create table public.invoices (
    id bigint primary key,
    customer text not null,
    amount_cents integer not null,
    paid_at timestamptz
);
-- Names sort against the dependency order: a_ over m_ over z_.
create view public.z_open_invoices as
    select id, customer, amount_cents from public.invoices where paid_at is null;
create view public.m_open_by_customer as
    select customer, sum(amount_cents) as open_cents, count(*) as open_count
    from public.z_open_invoices group by customer;
create view public.a_top_debtors as
    select customer, open_cents from public.m_open_by_customer where open_count > 1;
insert into public.invoices values (1, 'acme', 1200, null), (2, 'acme', 800, null), (3, 'initech', 50, now());
