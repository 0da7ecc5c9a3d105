-- published (updates too) with no primary key and so no replica identity: the refill runs under
-- REPLICA IDENTITY FULL, put back to DEFAULT after
create table public.clicks (at timestamptz not null, page text not null);
create table public.clicks_2026 () inherits (public.clicks);
create publication analytics for table public.clicks;
