"""Renderers: pure functions from results to text, JSON, markdown or SARIF. Never print."""
