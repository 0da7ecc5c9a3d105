"""The pipeline's stages: schema/ read (`source`), the scratch database built (`scratch`), both
sides fingerprinted and inspected (`fingerprint`, `diff`, `supplement`, `closure`, `coverage`),
the plan's safety (`hazards`, `archive`, `renames`, `extensions`), the proof (`proof`), the
cache and the plan file format."""
