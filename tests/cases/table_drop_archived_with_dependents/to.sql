create type mood as enum ('happy', 'sad');

create function touch() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end $$;

create table pins (
    id integer primary key,
    note_id integer
);
