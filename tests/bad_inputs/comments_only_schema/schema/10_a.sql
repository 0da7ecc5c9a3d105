-- nothing here yet
/* todo */
