create table reports (id integer primary key, title text not null, published_at timestamptz);
create table report_tags (report_id integer not null references reports (id), tag text not null);
