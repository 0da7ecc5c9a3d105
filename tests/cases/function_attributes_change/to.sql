-- The same bodies, other attributes: volatility, STRICT, PARALLEL, LEAKPROOF, COST, ROWS,
-- SECURITY DEFINER/INVOKER and SET search_path (added, changed, removed).
create schema app;
create table app.prices (id bigint primary key, cents int not null);
create function app.net(gross numeric, rate numeric) returns numeric
  language sql immutable strict parallel safe cost 5
  set search_path = pg_catalog
  as $$ select round(gross / (1 + rate), 2) $$;
create function app.cheapest() returns bigint
  language sql volatile security invoker parallel restricted
  set search_path = app, public, pg_temp
  as $$ select id from prices order by cents limit 1 $$;
create function app.lookup(key text) returns setof bigint
  language sql strict stable leakproof cost 20 rows 5
  as $$ select id from app.prices where id::text = key $$;
create procedure app.reprice(pct int)
  language sql security invoker
  set search_path = app
  as $$ update app.prices set cents = cents * (100 + pct) / 100 $$;
create function app.rate() returns numeric language sql immutable parallel safe cost 1 as $$ select 0.19 $$;
create function app.ids(n int) returns setof bigint language sql stable rows 10 as $$ select id from app.prices limit n $$;
create function app.same_cents(a int, b int) returns boolean language sql immutable leakproof as $$ select a = b $$;
create function app.scoped() returns text language sql as $$ select current_setting('search_path') $$;
