"""The use cases, one per command: plan, apply, drift, pull, doctor, types, lint, demo and the
fleet. Each returns data; the CLI prints it."""
