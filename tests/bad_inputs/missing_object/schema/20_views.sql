create view public.active_users as
  select id, email
  from public.users;
