create table users (
    id bigint generated always as identity primary key,
    email text not null,
    created_at timestamptz not null default now()
);

create function slugify(p_input text)
returns text
language plpgsql
immutable
as $$
begin
    return trim(both '-' from regexp_replace(lower(p_input), '[^a-z0-9]+', '-', 'g'));
end;
$$;
