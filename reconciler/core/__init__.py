"""The values every layer shares: the model (plans, fingerprints, changes), the configuration,
errors, progress reporting and platform profiles. Imports nothing above it."""
