create table public.bookings (id bigint not null, day date not null, guest text not null, primary key (id, day),
  constraint bookings_guest_check check (guest <> '')) partition by range (day);
-- widened to the whole year
create table public.bookings_2025h1 partition of public.bookings for values from ('2025-01-01') to ('2026-01-01');
create table public.bookings_2026 partition of public.bookings for values from ('2026-01-01') to ('2027-01-01');
create table public.bookings_other partition of public.bookings default;
create index bookings_guest_idx on public.bookings (guest);
