"""An immutable, picklable, hashable mapping, for the tables sets and assessments keep.

A loaded set, an assessment and an evaluation hold no mutable container: what a caller
handed in is copied once, at the boundary, into these, so changing the caller's dict
later changes nothing that hoctap gave back.
"""

from __future__ import annotations

from typing import Any, NoReturn, TypeVar

__all__ = ["FrozenDict"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(dict[K, V]):
    """A dict that cannot be changed after it is made.

    A subclass of `dict` rather than a `types.MappingProxyType`: a proxy cannot be
    pickled, and a dict's own ``get`` keeps the evaluation's hot loop fast.

    >>> d = FrozenDict({"2.1.1": 85})
    >>> d["2.1.1"], hash(d) == hash(FrozenDict({"2.1.1": 85}))
    (85, True)
    >>> d["2.1.1"] = 90
    Traceback (most recent call last):
    TypeError: this mapping cannot be changed; make a new one
    """

    __slots__ = ()

    def _refuse(self, *_args: object, **_kwargs: object) -> NoReturn:
        msg = "this mapping cannot be changed; make a new one"
        raise TypeError(msg)

    __setitem__ = __delitem__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[type[FrozenDict[K, V]], tuple[dict[K, V]]]:
        # pickle would otherwise rebuild the dict item by item through __setitem__.
        return (type(self), (dict(self),))

    def __copy__(self) -> FrozenDict[K, V]:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenDict[K, V]:
        return self

    def __repr__(self) -> str:
        return f"FrozenDict({dict.__repr__(self)})"
