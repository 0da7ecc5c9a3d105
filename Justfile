# reconcile's dev loop. `just` lists the recipes.

# List the recipes
default:
    @just --list

# Run the whole loop on an embedded PostgreSQL 16 "production" (no server needed)
demo:
    ./dev demo

# Run the test suite against real PostgreSQL (15, 16, 18 where available); ARGS go to pytest
test *ARGS:
    ./dev test {{ARGS}}

# Lint and type-check (ruff + mypy strict)
lint:
    .venv/bin/ruff check reconciler tests fuzz
    .venv/bin/ruff format --check reconciler tests fuzz
    .venv/bin/mypy

# Format the code
fmt:
    .venv/bin/ruff format reconciler tests fuzz
    .venv/bin/ruff check --fix reconciler tests fuzz

# What CI runs
check:
    bash .ci/run

# Benchmark against raw migra on one PostgreSQL 16 server, schema/ 12 objects away (defaults --sizes 100,500,2000 --reps 3, ~8 min); writes bench/RESULTS.md (quick: --sizes 100 --reps 1; issue 16: --sizes 500,2000,5000,20000, ~75 min)
bench *ARGS:
    ./dev bench {{ARGS}}

# Fuzz: random schema pairs through plan, apply, re-run and rollback (e.g. just fuzz --pairs 300 --pg 16)
fuzz *ARGS:
    ./dev fuzz {{ARGS}}

# Regenerate the golden files (rewriter and lint cases); review the diff
regen:
    REWRITER_REGEN=1 .venv/bin/python -m pytest tests/test_rewriter.py -q
    RECONCILE_LINT_REGEN=1 .venv/bin/python -m pytest tests/test_lint.py -q
