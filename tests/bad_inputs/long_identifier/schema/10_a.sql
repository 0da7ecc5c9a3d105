create table public.customers (
  id int primary key,
  this_column_name_is_much_too_long_for_postgresql_which_keeps_63_bytes int
);
