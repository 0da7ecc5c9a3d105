-- Names that break naive quoting: quotes, semicolons, comment markers, dollar quotes,
-- reserved words, mixed case, unicode.
create schema "Weird Schema; --";

create type "Weird Schema; --"."order" as enum ('it''s', '$$', 'a;b', 'Ünïcødé');

create table public."x""; DROP TABLE users; --" (
  id int primary key,
  "select" text,
  "Mixed Case" int not null default 0,
  "$$dollar$$" text,
  "ünïcødé ☃" text,
  "semi;colon" "Weird Schema; --"."order",
  "it's" text check ("it's" <> '$$; DROP TABLE users; --')
);

create index "idx ""quoted"" $$" on public."x""; DROP TABLE users; --" ("select", "Mixed Case");

create view "Weird Schema; --"."View; DROP TABLE users" as
  select id, "select", "ünïcødé ☃" from public."x""; DROP TABLE users; --";

comment on table public."x""; DROP TABLE users; --" is 'it''s $$ a comment; DROP TABLE users; --';

create function "Weird Schema; --"."fn$$; drop"("arg""1" int) returns int
  language sql immutable as $body$ select "arg""1" + 1 $body$;
