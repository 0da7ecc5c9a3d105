create table public.accounts (
    id integer primary key,
    email text constraint accounts_email_required not null,
    handle text constraint accounts_handle_required not null
);
-- the default name would be clipped: <63 bytes of the two names>_not_null
create table public.a_table_with_a_rather_long_name_that_goes_on_and_on (
    id integer primary key,
    a_column_whose_name_is_long_as_well text constraint long_named_required not null
);
