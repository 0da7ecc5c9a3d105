create type public.review_verdict as enum ('approve', 'reject');
create type public.review as (reviewer text, verdict public.review_verdict);
create table public.pull_requests (
    id bigint primary key,
    title text not null,
    -- a text column whose default goes through the composite type
    summary text not null default ((row('nobody', 'approve')::public.review)::text)
);
