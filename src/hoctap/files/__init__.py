"""Every file format in and out: strict YAML, tables, forms, loading sets and overlays."""
