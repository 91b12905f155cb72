"""Many units at once: rows of results, the columnar path over frames of numbers."""
