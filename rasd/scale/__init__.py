"""Processing engines: the same pure pipeline run in-process, on local cores, or on a Ray cluster."""

from rasd.scale.engines import ENGINES, Engine, make_engine

__all__ = ["ENGINES", "Engine", "make_engine"]
