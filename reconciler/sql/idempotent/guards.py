"""The guard being written (`_Guard`) and its catalog conditions: a column, relation, constraint,
trigger, policy, enum label, default or printed definition as the catalogs hold it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pglast import ast, parser

from ...core.model import PRINT_SETTINGS
from ..guard_read import dollar_quoted
from .core import _TRIM_SQL, Names, RewriteError, _Context, _lit, _md5, _qualified, _Stmt


class _Guard:
    """Builds a guard's condition; `prints()` marks one that compares printed definitions.

    A name lookup is written as a placeholder until the guard is rendered: inline as
    `pg_catalog.to_regclass('…')`, or, in a printing guard, as a variable set in DECLARE. Either
    way names resolve under the session's settings (those the statement itself runs under),
    before a printing guard switches to PRINT_SETTINGS. Placeholders name their lookup, so a
    condition built once can be reused in the guards of other statements.
    """

    def __init__(self) -> None:
        self.printing = False

    def prints(self) -> None:
        self.printing = True

    def _lookup(self, fn: str, name: str) -> str:
        return f"\x00{fn}\x01{name}\x00"  # no SQL text can hold a NUL

    def rel(self, names: Names) -> str:
        return self._lookup("to_regclass", _qualified(names))

    def typ(self, text: str) -> str:
        return self._lookup("to_regtype", text)

    def proc(self, signature: str) -> str:
        return self._lookup("to_regprocedure", signature)

    def coll(self, names: Names) -> str:
        return self._lookup("to_regcollation", _qualified(names))

    def negate(self, sql: str) -> str:
        """NOT `sql`, parenthesized when `sql` is an AND or OR (decided on its parse tree)."""
        parsed = parser.parse_sql(f"SELECT {self._resolve(sql, inline=True)[0]}")[0].stmt
        assert isinstance(parsed, ast.SelectStmt) and parsed.targetList
        return f"NOT ({sql})" if isinstance(parsed.targetList[0].val, ast.BoolExpr) else f"NOT {sql}"

    @staticmethod
    def _resolve(sql: str, inline: bool) -> tuple[str, list[tuple[str, str]]]:
        """`sql` with its placeholders replaced, and the lookups in order of first use."""
        parts = sql.split("\x00")
        lookups: dict[tuple[str, str], int] = {}
        for i in range(1, len(parts), 2):
            fn, _, name = parts[i].partition("\x01")
            n = lookups.setdefault((fn, name), len(lookups) + 1)
            parts[i] = f"pg_catalog.{fn}({_lit(name)})" if inline else f"oid{n}"
        return "".join(parts), list(lookups)

    def render(self, need: str, ddl: str) -> str:
        inline, lookups = self._resolve(need, inline=True)
        _check_expression(inline)
        execute = f"EXECUTE {dollar_quoted(ddl, 'ddl')};"
        if not self.printing:
            body = f"\nBEGIN\n  IF {inline} THEN\n    {execute}\n  END IF;\nEND\n"
        else:
            need, _ = self._resolve(need, inline=False)
            declare = [f"  oid{n} oid := pg_catalog.{fn}({_lit(name)});" for n, (fn, name) in enumerate(lookups, 1)]
            saved = ", ".join(f"pg_catalog.current_setting({_lit(k)})" for k, _ in PRINT_SETTINGS)
            declare += [f"  saved text[] := ARRAY[{saved}];", "  needed boolean;"]
            switch = ", ".join(f"pg_catalog.set_config({_lit(k)}, {_lit(v)}, true)" for k, v in PRINT_SETTINGS)
            restore = ", ".join(
                f"pg_catalog.set_config({_lit(k)}, saved[{i}], true)" for i, (k, _) in enumerate(PRINT_SETTINGS, 1)
            )
            body = (
                "\nDECLARE\n" + "\n".join(declare) + "\nBEGIN\n"
                f"  PERFORM {switch};\n"
                f"  needed := {need};\n"
                f"  PERFORM {restore};\n"
                f"  IF needed THEN\n    {execute}\n  END IF;\nEND\n"
            )
        return f"DO {dollar_quoted(body, 'guard')}"


def _check_expression(sql: str) -> None:
    try:
        parser.parse_sql(f"SELECT {sql}")
    except parser.ParseError as exc:  # pragma: no cover - a bug in a guard template
        raise RewriteError(f"a guard does not parse: {exc}", detail=sql) from None


def _where(*conds: str) -> str:
    return " AND ".join(conds)


def _column(g: _Guard, rel: Names, column: str, *conds: str) -> str:
    where = _where(f"a.attrelid = {g.rel(rel)}", f"a.attname = {_lit(column)}", "NOT a.attisdropped", *conds)
    return f"EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE {where})"


def _relation(g: _Guard, rel: Names, *conds: str) -> str:
    return f"EXISTS (SELECT FROM pg_catalog.pg_class c WHERE {_where(f'c.oid = {g.rel(rel)}', *conds)})"


def _constraint(g: _Guard, rel: Names, name: str, *conds: str) -> str:
    where = _where(f"c.conrelid = {g.rel(rel)}", f"c.conname = {_lit(name)}", *conds)
    return f"EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE {where})"


def _trigger(g: _Guard, rel: Names, name: str, *conds: str) -> str:
    where = _where(f"t.tgrelid = {g.rel(rel)}", f"t.tgname = {_lit(name)}", *conds)
    return f"EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE {where})"


def _policy(g: _Guard, rel: Names, name: str, *conds: str) -> str:
    where = _where(f"p.polrelid = {g.rel(rel)}", f"p.polname = {_lit(name)}", *conds)
    return f"EXISTS (SELECT FROM pg_catalog.pg_policy p WHERE {where})"


def _inherits(g: _Guard, child: Names, parent: Names) -> str:
    return (
        "EXISTS (SELECT FROM pg_catalog.pg_inherits i "
        f"WHERE i.inhrelid = {g.rel(child)} AND i.inhparent = {g.rel(parent)})"
    )


def _enum_label(g: _Guard, type_text: str, label: str) -> str:
    where = _where(f"e.enumtypid = {g.typ(type_text)}", f"e.enumlabel = {_lit(label)}")
    return f"EXISTS (SELECT FROM pg_catalog.pg_enum e WHERE {where})"


def _enum_labels_are(type_oid: str, labels: Sequence[str]) -> str:
    expected = f"ARRAY[{', '.join(_lit(v) for v in labels)}]::pg_catalog.text[]"
    return (
        "ARRAY(SELECT e.enumlabel::pg_catalog.text FROM pg_catalog.pg_enum e "
        f"WHERE e.enumtypid = {type_oid} ORDER BY e.enumsortorder) = {expected}"
    )


def _same_text(printed: str, text: str) -> str:
    return f"pg_catalog.md5(pg_catalog.btrim({printed}, {_TRIM_SQL})) = {_lit(_md5(text))}"


def _default_is(g: _Guard, rel: Names, column: str, expr_text: str) -> str:
    g.prints()
    where = _where(
        f"d.adrelid = {g.rel(rel)}",
        f"a.attname = {_lit(column)}",
        f"pg_catalog.pg_get_expr(d.adbin, d.adrelid) = {_lit(expr_text)}",
    )
    return (
        "EXISTS (SELECT FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a "
        f"ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE {where})"
    )


Need = Callable[[_Guard, _Stmt, _Context], "str | None"]
