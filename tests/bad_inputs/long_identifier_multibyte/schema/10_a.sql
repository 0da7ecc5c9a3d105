create table public."ééééééééééééééééééééééééééééééééé" (id int);
