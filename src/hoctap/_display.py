"""The language objects show themselves in, in Jupyter: chosen once per session.

``hoctap.set_display_language("en")`` makes every criteria set, evaluation, results
table and duties list that a notebook displays speak English from then on; the default
is Vietnamese, the legal language. Only the notebook display (``_repr_html_``) reads
it: every other view takes its language as an argument, so no result depends on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hoctap.errors import Lang

__all__ = ["display_language", "set_display_language"]

_CHOSEN: list[Lang] = ["vi"]
"""The one mutable setting of the package: a list so no ``global`` statement is needed."""


def set_display_language(lang: Lang) -> None:
    """Show objects in Jupyter in ``vi`` or ``en`` from now on.

    >>> set_display_language("fr")
    Traceback (most recent call last):
    ValueError: the display language must be 'vi' or 'en', not 'fr'
    """
    if lang not in {"vi", "en"}:
        msg = f"the display language must be 'vi' or 'en', not {lang!r}"
        raise ValueError(msg)
    _CHOSEN[0] = lang


def display_language() -> Lang:
    """The language chosen for Jupyter's display ('vi' unless set)."""
    return _CHOSEN[0]
