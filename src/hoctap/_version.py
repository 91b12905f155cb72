"""hoctap's version: one place for the package metadata and every module that records it.

A literal rather than `importlib.metadata`, whose import alone costs a third of
``import hoctap`` (see ``benchmarks/bench.py``).
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
