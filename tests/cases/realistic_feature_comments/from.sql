create table users (
    id bigint generated always as identity primary key,
    email text not null unique,
    created_at timestamptz not null default now()
);

create table posts (
    id bigint generated always as identity primary key,
    author_id bigint not null references users (id) on delete cascade,
    title text not null,
    body text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create index posts_author_id_idx on posts (author_id);

create function set_updated_at()
returns trigger
language plpgsql
as $$
begin
    new.updated_at := now();
    return new;
end;
$$;

create trigger posts_set_updated_at
    before update on posts
    for each row execute function set_updated_at();
