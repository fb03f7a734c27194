"""Tooling that the runtime never imports: building data, training, evaluation, benchmarks, gold checks."""
