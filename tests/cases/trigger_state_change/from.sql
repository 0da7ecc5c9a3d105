create table orders (
    id bigint generated always as identity primary key,
    status text not null default 'open',
    updated_at timestamptz not null default now()
);

create function touch() returns trigger language plpgsql as $$
begin
    new.updated_at := now();
    return new;
end;
$$;

create function audit() returns trigger language plpgsql as $$
begin
    return new;
end;
$$;

create trigger orders_touch before update on orders for each row execute function touch();
create trigger orders_audit after insert or update on orders for each row execute function audit();
create trigger orders_replicated after insert on orders for each row execute function audit();
create trigger orders_always after delete on orders for each row execute function audit();
alter table orders disable trigger orders_always;
comment on trigger orders_audit on orders is 'Audit trail';
comment on trigger orders_always on orders is 'Deletes are always audited';
