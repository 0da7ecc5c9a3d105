-- views over the tables

create view public.active_users as
  select id
  from public.userz;
