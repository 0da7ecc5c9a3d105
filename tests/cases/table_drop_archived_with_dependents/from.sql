create type mood as enum ('happy', 'sad');
create type legacy_state as enum ('open', 'closed');

create function touch() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end $$;

create table legacy_notes (
    id serial primary key,
    body text not null,
    mood mood,
    updated_at timestamptz
);
create trigger legacy_notes_touch before update on legacy_notes for each row execute function touch();
alter table legacy_notes enable row level security;
create policy legacy_notes_all on legacy_notes using (true);
grant select on legacy_notes to public;

create table pins (
    id integer primary key,
    note_id integer references legacy_notes (id)
);

create table legacy_tickets (
    id integer primary key,
    state legacy_state not null
);

insert into legacy_notes (body, mood) select 'note ' || n, (array['happy', 'sad'])[1 + n % 2]::mood from generate_series(1, 40) n;
insert into pins values (1, 3), (2, 5);
insert into legacy_tickets values (1, 'open');
