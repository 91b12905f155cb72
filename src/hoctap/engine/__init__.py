"""Values to a decision: a set compiled to a plan, an assessment's exact values, the decision.

Pure and small: no I/O, nothing a person reads (that is `hoctap.results`).
"""
