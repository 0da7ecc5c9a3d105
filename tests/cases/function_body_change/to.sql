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
declare
    v_slug text;
begin
    v_slug := trim(both '-' from regexp_replace(lower(p_input), '[^a-z0-9]+', '-', 'g'));
    return left(v_slug, 80);
end;
$$;
