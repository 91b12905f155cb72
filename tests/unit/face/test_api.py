"""The public API is small and explicit."""

from __future__ import annotations

import hoctap


def test_all_is_sorted_and_complete() -> None:
    assert list(hoctap.__all__) == sorted(hoctap.__all__)
    public = {
        n
        for n, v in vars(hoctap).items()
        if not n.startswith("_") and not isinstance(v, type(hoctap))
    }
    assert public - {"annotations"} == set(hoctap.__all__) - {"__version__"}
    assert dir(hoctap) == hoctap.__all__
