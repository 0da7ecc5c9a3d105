"""reconcile: a desired-state schema reconciler for PostgreSQL.

Owns nothing but the version; every concern lives in its own module (see README, "Layout").
"""

__version__ = "0.1.0"
