create table public.metrics (id bigint not null, at date not null, value float8, legacy text, primary key (id, at)) partition by range (at);
create table public.metrics_2025 partition of public.metrics for values from ('2025-01-01') to ('2026-01-01');
create table public.metrics_2026 partition of public.metrics for values from ('2026-01-01') to ('2027-01-01') partition by hash (id);
create table public.metrics_2026_h0 partition of public.metrics_2026 for values with (modulus 2, remainder 0);
create table public.metrics_2026_h1 partition of public.metrics_2026 for values with (modulus 2, remainder 1);
insert into public.metrics values (1, '2025-03-01', 1.5, 'a'), (2, '2026-05-01', 2.5, 'b'), (3, '2026-06-01', 3.5, 'c');
