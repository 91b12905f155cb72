"""The criteria as data: the frozen models of a criteria set and the rules they keep.

Nothing here reads files or evaluates values; every stage above builds on these models.
"""
