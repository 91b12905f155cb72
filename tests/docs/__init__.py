"""The documentation's own tests: the tutorial notebook, and the pages in a real browser."""
