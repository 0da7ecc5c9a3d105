create type public.review_verdict as enum ('approve', 'abstain', 'reject');
create type public.review as (reviewer text, verdict public.review_verdict);
create table public.pull_requests (
    id bigint primary key,
    title text not null,
    -- a text column whose default goes through the composite type
    summary text not null default ((row('nobody', 'approve')::public.review)::text),
    first_review public.review
);
insert into public.pull_requests (id, title, first_review) values
    (1, 'fix the build', row('ada', 'approve')),
    (2, 'drop python 2', row('alan', 'reject')),
    (3, 'typo', null);
