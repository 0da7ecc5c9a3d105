create table public.people (id int not null, name text);
create table public.staff () inherits (public.people);
-- its only column goes: the rows stay, with no columns
create table public.blocked_ips ();
