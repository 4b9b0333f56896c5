"""Benchmarks, not tests: each module prints its figures next to the targets; README.md shows them."""
