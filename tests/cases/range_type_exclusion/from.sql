CREATE TABLE public.room (room_id int PRIMARY KEY, name text NOT NULL);
INSERT INTO public.room VALUES (1, 'Blue'), (2, 'Green');
