create table public.accounts (
    id bigint primary key,
    mail text not null,
    created_at timestamptz not null default now()
);
create index accounts_mail_idx on public.accounts (mail);
create unique index accounts_mail_lower_key on public.accounts (lower(mail));
insert into public.accounts values (1, 'ada@example.com', '2024-01-01'), (2, 'alan@example.com', '2024-02-01');
