"""reconcile's schema fuzzer: random schema pairs through plan, apply, re-run and rollback."""
