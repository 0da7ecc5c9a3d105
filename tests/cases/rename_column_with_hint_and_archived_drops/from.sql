create table public.accounts (
    id bigint primary key,
    mail text not null,
    legacy_pin text,
    created_at timestamptz not null default now()
);
create index accounts_mail_idx on public.accounts (mail);
create table public.login_attempts (
    id bigint primary key,
    account_id bigint not null,
    at timestamptz not null
);
insert into public.accounts values
    (1, 'ada@example.com', '1234', '2024-01-01'),
    (2, 'alan@example.com', null, '2024-02-01');
insert into public.login_attempts values (1, 1, '2024-03-01'), (2, 2, '2024-03-02');
