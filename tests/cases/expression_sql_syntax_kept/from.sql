create table public.events (
  id bigint primary key,
  created_at timestamptz not null default now(),
  code text not null,
  starts date not null,
  ends date not null
);
insert into public.events (id, created_at, code, starts, ends) values (1, '2025-03-01 10:00+00', ' ab-1234 ', '2025-03-01', '2025-03-02');
