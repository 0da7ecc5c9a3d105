create schema app;
create table app.prices (id bigint primary key, cents int not null);
create function app.net(gross numeric, rate numeric) returns numeric
  language sql volatile
  as $$ select round(gross / (1 + rate), 2) $$;
create function app.cheapest() returns bigint
  language sql stable security definer
  set search_path = app, pg_temp
  as $$ select id from prices order by cents limit 1 $$;
create function app.lookup(key text) returns setof bigint
  language sql called on null input cost 100 rows 1000
  as $$ select id from app.prices where id::text = key $$;
create procedure app.reprice(pct int)
  language sql security definer
  as $$ update app.prices set cents = cents * (100 + pct) / 100 $$;
-- Changed below only in what schemainspect does not compare (PARALLEL, COST, ROWS, LEAKPROOF, SET).
create function app.rate() returns numeric language sql immutable as $$ select 0.19 $$;
create function app.ids(n int) returns setof bigint language sql stable rows 50 as $$ select id from app.prices limit n $$;
create function app.same_cents(a int, b int) returns boolean language sql immutable as $$ select a = b $$;
create function app.scoped() returns text language sql set search_path = app set work_mem = '8MB' as $$ select current_setting('search_path') $$;
