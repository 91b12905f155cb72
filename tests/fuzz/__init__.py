"""Fuzzing hoctap with hostile files and values."""
