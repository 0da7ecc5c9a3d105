create extension if not exists no_such_extension_here;
