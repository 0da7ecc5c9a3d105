-- A rental shop's schema before reporting: films and rentals, no aggregate yet.
CREATE TABLE public.film (film_id int PRIMARY KEY, title text NOT NULL, rating text);
CREATE TABLE public.actor (actor_id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.film_actor (film_id int REFERENCES public.film, actor_id int REFERENCES public.actor,
                                PRIMARY KEY (film_id, actor_id));
INSERT INTO public.film VALUES (1, 'Academy Dinosaur', 'PG'), (2, 'Ace Goldfinger', 'G');
INSERT INTO public.actor VALUES (1, 'Penelope'), (2, 'Nick');
INSERT INTO public.film_actor VALUES (1, 1), (1, 2), (2, 2);
