"""Index statements on partitioned tables, decided on the parse tree.

`pg_get_indexdef()` prints an index of a partitioned table as `CREATE INDEX … ON ONLY parent`,
which builds an INVALID index until every partition's index is attached. Created without ONLY,
PostgreSQL builds and attaches the partitions' indexes itself (with the same default names).
"""

from __future__ import annotations

from pglast import ast, parser

from .parse import RawStream


def without_only(sql: str) -> str | None:
    """`sql` as `CREATE INDEX … ON parent` when it is `… ON ONLY parent`; else None."""
    try:
        stmts = parser.parse_sql(sql)
    except parser.ParseError:
        return None
    if len(stmts) != 1 or not isinstance(stmts[0].stmt, ast.IndexStmt):
        return None
    node = stmts[0].stmt
    if node.relation is None or node.relation.inh:
        return None
    node.relation.inh = True
    return str(RawStream()(node))
