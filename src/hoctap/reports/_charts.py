"""The pictures of a report, as inline SVG: an indicator against its bands, units per result.

Drawn so that they read in black and white too (the band a value falls in has a heavy
border, every bar its count); `Svg` shows itself in a notebook.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import TYPE_CHECKING

from hoctap._html import esc
from hoctap._words import pick, write_number
from hoctap.results.trace import outcome_words

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoctap.errors import Lang
    from hoctap.results.trace import IndicatorResult, Viewable
    from hoctap.spec.models import Band, CriteriaSet

__all__ = ["Svg", "band_svg", "levels_chart", "result_names", "summary_counts"]

_WORDS = pick(
    "summary",
    level="level_column",
    not_recognised="not_recognised_heading",
    incomplete="incomplete_heading",
)


def _w(key: str, lang: Lang) -> str:
    return _WORDS[key].render(lang)


def summary_counts(evaluations: Sequence[Viewable]) -> tuple[Counter[str], Counter[str]]:
    """Units per result (``level N``, ``not_recognised``, ``incomplete``) and per decider."""
    results = Counter(
        f"level {ev.level}" if ev.status == "recognised" else ev.status for ev in evaluations
    )
    deciding = Counter(i for ev in evaluations for i in ev.decided_by)
    return results, deciding


def result_names(spec: CriteriaSet, lang: Lang) -> list[tuple[str, str]]:
    """Every result a unit can have, as (code, words), lowest first."""
    names = [("not_recognised", _w("not_recognised", lang))]
    names += [
        (f"level {b.level}", f"{_w('level', lang)} {b.level}") for b in spec.recognition.levels
    ]
    names.append(("incomplete", _w("incomplete", lang)))
    return names


_W, _H, _X0, _SCALE = 330, 46, 10, Fraction(31, 10)
"""The chart's size in pixels, its left margin, and pixels per percentage point."""


def _x(value: Fraction) -> str:
    return f"{float(_X0 + value * _SCALE):.1f}"


def band_svg(result: IndicatorResult, bands: tuple[Band, ...], lang: Lang) -> str:
    """An indicator's share drawn against the level bands, as inline SVG.

    The bands are boxes from their lower to their upper edge, each labelled with its
    level; the value is a line with a triangle and its number. The band the value falls
    in is drawn with a heavy border, so the chart reads in black and white too.
    """
    seen = result.observed(lang) if result.value is not None else outcome_words("missing", lang)
    title = f"{result.id}: {seen}"
    parts = [
        (
            f"<svg xmlns='http://www.w3.org/2000/svg' width='{_W}' height='{_H}' role='img' "
            f"viewBox='0 0 {_W} {_H}'><title>{esc(title)}</title>"
        ),
        (
            f"<rect x='{_x(Fraction(0))}' y='14' width='{float(100 * _SCALE):.1f}' height='16' "
            "fill='#eeeeee' stroke='#999'/>"
        ),
    ]
    shades = ("#d7e9f7", "#a9cfee", "#6fa8dc", "#3d85c6")
    for band in bands:
        low, high = Fraction(band.low), Fraction(band.high)
        here = result.band == band.level
        parts.append(
            f"<rect x='{_x(low)}' y='14' width='{float((high - low) * _SCALE):.1f}' height='16' "
            f"fill='{shades[min(band.level, 3)]}' stroke='#222' "
            f"stroke-width='{3 if here else 1}'/>"
            f"<text x='{_x((low + high) / 2)}' y='26' font-size='10' text-anchor='middle'>"
            f"{band.level}</text>"
            f"<text x='{_x(low)}' y='42' font-size='9' text-anchor='middle'>"
            f"{esc(write_number(low, lang))}</text>"
        )
    parts += [
        f"<text x='{_x(Fraction(edge))}' y='42' font-size='9' text-anchor='middle'>{edge}</text>"
        for edge in (0, 100)
    ]
    if result.value is not None and result.percent:
        value = min(max(result.value, Fraction(0)), Fraction(100))
        x = _x(value)
        parts.append(
            f"<line x1='{x}' y1='10' x2='{x}' y2='32' stroke='#000' stroke-width='2'/>"
            f"<path d='M{float(x) - 4:.1f},3 L{float(x) + 4:.1f},3 L{x},10 Z' fill='#000'/>"
            # The number stands right of the line, or left of it near the right end.
            f"<text x='{float(x) + (6 if value < 80 else -6):.1f}' y='9' font-size='9' "
            f"text-anchor='{'start' if value < 80 else 'end'}'>"
            f"{esc(write_number(result.value, lang))}%</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


class Svg(str):
    """An SVG picture as text, which Jupyter draws when it is a cell's value."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)


def levels_chart(evaluations: Sequence[Viewable], lang: Lang = "vi") -> Svg:
    """Units per result as a bar chart (inline SVG), each bar labelled with its count.

    >>> import hoctap
    >>> city = hoctap.evaluate_file("examples/city-hai-phong-rollup.yaml")
    >>> "<title>" in levels_chart(city.units)
    True
    """
    results, _ = summary_counts(evaluations)
    names = result_names(evaluations[0].criteria, lang) if evaluations else []
    most = max(results.values(), default=1)
    row, label, width = 22, 190, 260
    height = row * len(names) + 10
    parts = [
        (
            f"<svg xmlns='http://www.w3.org/2000/svg' width='{label + width + 40}' "
            f"height='{height}' role='img'><title>{esc(_w('summary', lang))}</title>"
        )
    ]
    for n, (code, words) in enumerate(names):
        count = results.get(code, 0)
        y = 5 + n * row
        bar = round(width * count / most) if most else 0
        parts.append(
            f"<text x='{label - 6}' y='{y + 14}' font-size='12' text-anchor='end'>"
            f"{esc(words)}</text>"
            f"<rect x='{label}' y='{y + 2}' width='{bar}' height='16' fill='#6fa8dc' "
            "stroke='#222'/>"
            f"<text x='{label + bar + 5}' y='{y + 14}' font-size='12'>{count}</text>"
        )
    parts.append("</svg>")
    return Svg("".join(parts))
