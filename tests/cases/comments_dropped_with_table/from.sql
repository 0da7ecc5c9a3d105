create table users (
    id bigint generated always as identity primary key,
    email text not null
);

create table legacy_tokens (
    id bigint generated always as identity primary key,
    user_id bigint not null references users (id),
    token text not null constraint legacy_tokens_token_check check (length(token) = 32)
);
create index legacy_tokens_user_id_idx on legacy_tokens (user_id);
create view legacy_token_owners as select t.token, u.email from legacy_tokens t join users u on u.id = t.user_id;

comment on table users is 'People who sign in';
comment on table legacy_tokens is 'Tokens of the old API';
comment on column legacy_tokens.token is 'MD5 hex';
comment on constraint legacy_tokens_token_check on legacy_tokens is '32 hex digits';
comment on index legacy_tokens_user_id_idx is 'Tokens of a user';
comment on view legacy_token_owners is 'Who holds which token';
