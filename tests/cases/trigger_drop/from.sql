create table documents (
    id integer primary key,
    title text not null,
    updated_at timestamptz not null default now()
);

create function set_updated_at()
returns trigger
language plpgsql
as $$
begin
    new.updated_at := now();
    return new;
end;
$$;

create trigger documents_set_updated_at
    before update on documents
    for each row execute function set_updated_at();
