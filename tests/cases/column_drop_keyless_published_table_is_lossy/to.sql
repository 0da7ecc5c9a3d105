-- published (updates too) with no primary key and so no replica identity: no UPDATE can refill it
create table public.clicks (at timestamptz not null, page text not null);
create publication analytics for table public.clicks;
