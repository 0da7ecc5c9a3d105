-- Bit-string (B'…', X'…'), escape (E'…') and Unicode-escape (U&'…') constants in defaults,
-- checks, a new table and an index predicate.
create table public.devices (
  id bigint primary key,
  name text,
  flags bit(4) not null default B'0101',
  mask varbit default X'1F',
  label text default E'tab\there' check (label <> E'\\x'),
  glyph text default U&'d\0061t\+000061' check (glyph <> U&'\00e9t\00e9')
);
create table public.device_modes (
  mode bit(8) primary key default B'00000001',
  pattern bit varying(16) check (pattern <> X'FF')
);
create index devices_flagged on public.devices (id) where flags <> B'0000';
