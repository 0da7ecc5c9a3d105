"""SQL decisions on PostgreSQL's own parse tree (pglast); the only package that imports pglast."""
