create type status as enum ('active', 'paused');
create type legacy_tier as enum ('free', 'pro', 'enterprise');

create table subscriptions (
    id integer primary key,
    state status not null,
    tier legacy_tier
);

insert into subscriptions
    select n, (array['active', 'paused'])[1 + n % 2]::status,
           case when n % 5 = 0 then null else (array['free', 'pro', 'enterprise'])[1 + n % 3]::legacy_tier end
    from generate_series(1, 60) n;
