CREATE TABLE public.users (id bigint PRIMARY KEY);
CREATE TABLE public.accounts (id bigint PRIMARY KEY);
ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;
