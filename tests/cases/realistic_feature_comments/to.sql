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

create table comments (
    id bigint generated always as identity primary key,
    post_id bigint not null references posts (id) on delete cascade,
    author_id bigint not null references users (id),
    body text not null check (length(body) between 1 and 10000),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create index comments_post_id_created_at_idx on comments (post_id, created_at);

alter table comments enable row level security;

create policy comments_author_write on comments
    for all
    using (author_id = nullif(current_setting('app.user_id', true), '')::bigint)
    with check (author_id = nullif(current_setting('app.user_id', true), '')::bigint);

create trigger comments_set_updated_at
    before update on comments
    for each row execute function set_updated_at();
