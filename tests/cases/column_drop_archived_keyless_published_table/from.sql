create table public.clicks (at timestamptz not null, page text not null, referrer text);
create table public.clicks_2026 () inherits (public.clicks);
create publication analytics for table public.clicks;
insert into public.clicks values ('2026-01-01 10:00+00', '/', 'search'), ('2026-01-01 10:01+00', '/about', null);
insert into public.clicks_2026 values ('2026-02-01 09:00+00', '/', 'mail'), ('2026-02-01 09:00+00', '/', 'mail');
