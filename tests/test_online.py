"""The online rewriter on its own (no database): what it leaves alone matters as much as what it changes."""

from __future__ import annotations

from reconciler.sql.online import OnlineFacts, make_online, rebuild_invalid
from reconciler.sql.parse import without_concurrently

FACTS = OnlineFacts(
    partitioned=frozenset({("public", "measurements")}),
    index_tables={
        ("public", "orders_note_idx"): ("public", "orders"),
        ("public", "measurements_at_idx"): ("public", "measurements"),
    },
)


def _sql(statements: list[str]) -> list[tuple[str, bool]]:
    return [(s.sql, s.alone) for s in make_online(statements, FACTS)]


def test_index_on_existing_table_is_built_concurrently_after_the_leftover_guard() -> None:
    out = _sql(["CREATE INDEX orders_at_idx ON public.orders USING btree (placed_at)"])
    assert [o for o, _ in out][1:] == [
        'DROP INDEX CONCURRENTLY IF EXISTS "public"."reconcile_invalid_' + out[1][0].rsplit("_", 1)[-1],
        "CREATE INDEX CONCURRENTLY orders_at_idx ON public.orders USING btree (placed_at)",
    ]
    assert "NOT i.indisvalid" in out[0][0] and "RENAME TO" in out[0][0]


def test_left_alone_new_partitioned_and_recreated() -> None:
    statements = [
        'create table "public"."books" (id bigint)',
        "CREATE INDEX books_idx ON public.books USING btree (id)",
        "CREATE INDEX measurements_v_idx ON public.measurements USING btree (v)",
        'drop index if exists "public"."orders_note_idx"',
        "CREATE INDEX orders_note_idx ON public.orders USING btree (note, id)",
        'drop index if exists "public"."measurements_at_idx"',
        'alter table "public"."books" add constraint "books_c" CHECK ((id > 0))',
        'alter table "public"."orders" add constraint "orders_c" CHECK ((id > 0)) not valid',
    ]
    out = _sql(statements)
    # The re-defined index: renamed aside while it differs from the new definition, the new one
    # built concurrently under its name, then the parked one dropped concurrently.
    redefined = [o for o, _ in out if "orders_note_idx" in o or "reconcile_old_" in o]
    assert "RENAME TO reconcile_old_" in redefined[0] and "NOT (pg_catalog.md5" in redefined[0]
    assert redefined[-2].startswith("CREATE INDEX CONCURRENTLY orders_note_idx")
    assert redefined[-1].startswith('DROP INDEX CONCURRENTLY IF EXISTS "public"."reconcile_old_')
    kept = [o for o, _ in out if "CONCURRENTLY" not in o and "indisvalid" not in o and "reconcile_old_" not in o]
    assert kept == statements[:3] + statements[5:]


def test_drop_index_of_a_kept_table_is_concurrent_unless_cascade() -> None:
    assert _sql(['drop index if exists "public"."orders_note_idx"']) == [
        ('drop index CONCURRENTLY if exists "public"."orders_note_idx"', False)
    ]
    cascade = 'drop index if exists "public"."orders_note_idx" cascade'
    assert _sql([cascade]) == [(cascade, False)]


def test_check_and_foreign_key_validated_alone() -> None:
    out = _sql(['alter table "public"."orders" add constraint "orders_fk" FOREIGN KEY (c) REFERENCES cs(id)'])
    assert out == [
        (
            'alter table "public"."orders" add constraint "orders_fk" FOREIGN KEY (c) REFERENCES cs(id) NOT VALID',
            False,
        ),
        ('ALTER TABLE "public"."orders" VALIDATE CONSTRAINT "orders_fk"', True),
    ]


def test_set_not_null_through_a_validated_check() -> None:
    out = _sql(['alter table "public"."orders" alter column "note" set not null'])
    assert [alone for _, alone in out] == [False, True, False, False]
    assert 'CHECK ("note" IS NOT NULL) NOT VALID' in out[0][0] and "a.attnotnull" in out[0][0]
    assert out[2][0] == 'alter table "public"."orders" alter column "note" set not null'
    assert out[3][0].startswith('ALTER TABLE "public"."orders" DROP CONSTRAINT "reconcile_nn_')


def test_invalid_index_rebuilt_unless_the_diff_touches_it() -> None:
    definition = "CREATE UNIQUE INDEX orders_key ON public.orders USING btree (k)"
    out = rebuild_invalid([], {("public", "orders_key"): definition})
    assert out[-1] == "CREATE UNIQUE INDEX CONCURRENTLY orders_key ON public.orders USING btree (k)"
    assert rebuild_invalid(['drop index "public"."orders_key"'], {("public", "orders_key"): definition}) == ()
    plain = rebuild_invalid([], {("public", "orders_key"): definition}, online=False)
    assert plain[-1] == definition and "DROP INDEX" in plain[0] and "NOT i.indisvalid" in plain[0]


def test_without_concurrently_is_what_pg_get_indexdef_prints() -> None:
    assert without_concurrently("CREATE INDEX CONCURRENTLY i ON public.t USING btree (a)") == (
        "CREATE INDEX i ON public.t USING btree (a)"
    )


def test_no_concurrent_index_builds_on_postgresql_14_0_to_14_3() -> None:
    facts = OnlineFacts(index_tables=FACTS.index_tables, concurrent_indexes=False)
    create = "CREATE INDEX orders_at_idx ON public.orders USING btree (placed_at)"
    drop = 'drop index if exists "public"."orders_note_idx"'
    assert [s.sql for s in make_online([create, drop], facts)] == [create, drop]
