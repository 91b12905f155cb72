"""Who owes what: each agency's indicators, what is still missing, failing, or overdue.

A city's set names, for every indicator, the agency that leads it (chủ trì, tham mưu)
and those that coordinate (phối hợp), 02/KH-UBND Phụ lục II; a report request
(`hoctap.spec.models.ReportRequest`, the 2022 letter of Hải Phòng's education department)
says who reports which indicators, to whom, and before which day. Given an evaluation of
the city, `duties` tells each agency what it leads, reports and coordinates; which of its
indicators still have no value; which fail, and by how much; and, on a given day, which
reports are overdue. Pure: the caller reads the files (`hoctap.api.duties_for`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from hoctap._display import display_language
from hoctap._json import dumps
from hoctap._words import pick
from hoctap.errors import fold, printable
from hoctap.results.trace import check_view, markdown_text

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from hoctap.errors import Lang, Message
    from hoctap.results.evaluation import Evaluation
    from hoctap.results.trace import Blocker
    from hoctap.spec.models import ReportRequest

__all__ = ["AgencyDuty", "Duties", "duties"]


def __dir__() -> list[str]:
    return list(__all__)


class AgencyDuty(NamedTuple):
    """One agency's indicators, and where each stands."""

    agency: str
    leads: tuple[str, ...]
    """Indicators it leads (chủ trì, tham mưu)."""
    reports: tuple[str, ...]
    """Indicators it must report under the request."""
    coordinates: tuple[str, ...]
    """Indicators it coordinates on (phối hợp)."""
    missing: tuple[str, ...]
    """Of those it leads or reports, the ones with no value yet."""
    failing: tuple[Blocker, ...]
    """Of those it leads or reports, the ones not met, each with its gap."""
    overdue: tuple[str, ...]
    """Of those it reports, the ones still missing on the day asked about, when that day
    is on or after the request's ``before``."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return {
            "agency": self.agency,
            "leads": list(self.leads),
            "reports": list(self.reports),
            "coordinates": list(self.coordinates),
            "missing": list(self.missing),
            "failing": [{"id": b.id, "vi": b.message.vi, "en": b.message.en} for b in self.failing],
            "overdue": list(self.overdue),
        }


_GENERIC = ("các ", "cac ")
"""A coordinating entry such as "các sở, ban, ngành, đơn vị có liên quan" names no one
agency, so it is nobody's duty in particular."""


def duties(
    evaluation: Evaluation,
    request: ReportRequest,
    on: dt.date | None = None,
    calendar: tuple[Message, ...] = (),
) -> Duties:
    """Each agency's duties towards the city's evaluation, in the order the set names them.

    >>> from hoctap import evaluate, report_request
    >>> d = duties(evaluate("city", {"2.2.1": 65}), report_request("hai-phong-2022"))
    >>> tic = d.agency("Sở Thông tin và Truyền thông")
    >>> tic.leads, tic.missing, tic.failing[0].id
    (('2.2.1', '2.2.2', '2.2.4'), ('2.2.2', '2.2.4'), '2.2.1')
    """
    spec = evaluation.criteria
    order: dict[str, str] = {}  # folded name → as first written
    leads: dict[str, list[str]] = {}
    coordinates: dict[str, list[str]] = {}
    reports: dict[str, list[str]] = {}

    def agency(name: str) -> str:
        known = request.agency(name)
        return order.setdefault(fold(known), known)

    receiver = fold(request.agency(request.to_agency)) if request.to_agency else None
    for ind in spec.indicators.values():
        if ind.lead:
            leads.setdefault(agency(ind.lead), []).append(ind.id)
            # The receiver of the reports leads some indicators too: it owes no report to itself.
            if request.leads_report is not None and fold(agency(ind.lead)) != receiver:
                reports.setdefault(agency(ind.lead), []).append(ind.id)
        for other in ind.coordinating:
            if not other.casefold().startswith(_GENERIC):
                coordinates.setdefault(agency(other), []).append(ind.id)
    for duty in request.duties:
        listed = reports.setdefault(agency(duty.agency), [])
        listed += [i for i in duty.indicators if i not in listed]
    late = on is not None and on >= request.before
    out = []
    for name in order.values():
        owned = _in_text_order(spec.indicators, [*leads.get(name, ()), *reports.get(name, ())])
        missing = tuple(i for i in owned if evaluation.indicator(i).outcome == "missing")
        failing = tuple(b for i in owned if (b := evaluation.shortfall(i)) is not None)
        overdue = tuple(i for i in reports.get(name, ()) if late and i in missing)
        out.append(
            AgencyDuty(
                name,
                tuple(leads.get(name, ())),
                _in_text_order(spec.indicators, reports.get(name, [])),
                tuple(coordinates.get(name, ())),
                missing,
                failing,
                _in_text_order(spec.indicators, list(overdue)),
            )
        )
    return Duties(evaluation, request, on, tuple(out), calendar)


def _in_text_order(indicators: Iterable[str], ids: list[str]) -> tuple[str, ...]:
    position = {i: n for n, i in enumerate(indicators)}
    return tuple(sorted(set(ids), key=position.__getitem__))


_W = pick(
    "source",
    "leads",
    "reports",
    "coordinates",
    "failing",
    "overdue",
    title="duties",
    to="send_to",
    before="due_before",
    on="as_of",
    missing="still_missing",
    none="dash",
    deadlines="deadlines",
    over_time="recognition_over_time",
)


@dataclass(frozen=True)
class Duties:
    """The duties of every agency towards one evaluation, with their views."""

    evaluation: Evaluation
    request: ReportRequest
    on: dt.date | None
    agencies: tuple[AgencyDuty, ...]
    calendar: tuple[Message, ...] = ()
    """The set's deadlines for the assessed year, from the registry of sets.

    Each with where it stands on ``on``.
    """

    def agency(self, name: str) -> AgencyDuty:
        """One agency's duties, by name in any case or Unicode form; `KeyError` if none."""
        wanted = fold(name)
        for duty in self.agencies:
            if fold(duty.agency) == wanted:
                return duty
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        ev = self.evaluation
        return {
            "unit": ev.unit,
            "period": ev.period,
            "criteria": ev.criteria.id,
            "request": {
                "id": self.request.id,
                "title": {"vi": self.request.title.vi, "en": self.request.title.en},
                "source": self.request.source,
                "to": self.request.to,
                "before": self.request.before.isoformat(),
            },
            "on": None if self.on is None else self.on.isoformat(),
            "calendar": [{"vi": c.vi, "en": c.en} for c in self.calendar],
            "input_hash": ev.input_hash,
            "agencies": [a.to_dict() for a in self.agencies],
        }

    def _lines(self, lang: Lang) -> list[tuple[int, str]]:
        """(depth, line) of the text, a blank line being ``""``.

        The heading is at depth 0, each agency at 1, its lists at 2 and the gaps of what
        it fails at 3.
        """

        def w(key: str) -> str:
            return _W[key].render(lang)

        ev, req = self.evaluation, self.request
        period = f", {ev.period}" if ev.period else ""
        title = req.title.vi if lang == "vi" else req.title.en
        lines = [(0, f"{w('title')}: {ev.unit}{period} — {title} ({req.id})")]
        due = f"{w('before')} {req.before:%d/%m/%Y} ({req.deadline.clause})"
        lines.append((0, f"{w('to')}: {req.to}; {due}"))
        if self.on is not None:
            lines.append((0, f"{w('on')}: {self.on:%d/%m/%Y}"))
        lines.append((0, f"{w('source')}: {req.source}"))
        lines += [(0, f"{w('deadlines')}: {c.render(lang)}") for c in self.calendar]
        if ev.standing is not None:  # the unit's recognition over time, from its history
            lines.append((0, f"{w('over_time')}: {ev.standing.words.render(lang)}"))
        for a in self.agencies:
            lines += [(0, ""), (1, a.agency)]
            for key in ("leads", "reports", "coordinates", "missing"):
                ids = getattr(a, key)
                late = ""
                if key == "missing" and a.overdue:
                    late = f" — {w('overdue')}: {', '.join(a.overdue)}"
                lines.append((2, f"{w(key)}: {', '.join(ids) or w('none')}{late}"))
            lines.append((2, f"{w('failing')}: {'' if a.failing else w('none')}".rstrip()))
            lines += [(3, b.message.render(lang)) for b in a.failing]
        return lines

    def render(self, fmt: str = "text", lang: Lang = "vi") -> str:
        """The duties as ``text``, ``markdown``, ``html`` or ``json``, in ``vi`` or ``en``.

        A format or a language it does not know is a `ValueError`, never another view.
        """
        check_view(fmt, lang)
        if fmt == "json":
            return dumps(self.to_dict())
        lines = self._lines(lang)
        if fmt == "markdown":
            out = [f"### {markdown_text(lines[0][1])}", ""]
            for depth, line in lines[1:]:
                if depth == 0:
                    out.append(f"{markdown_text(line)}  " if line else "")
                elif depth == 1:
                    out.append(f"#### {markdown_text(line)}\n")
                else:
                    out.append("  " * (depth - 2) + f"- {markdown_text(line)}")
            return "\n".join(out) + "\n"
        if fmt == "html":
            esc = html.escape
            parts = [f"<div class='hoctap-duties'><p><strong>{esc(lines[0][1])}</strong></p>"]
            for depth, line in lines[1:]:
                if depth == 1:
                    parts.append(f"<h4>{esc(line)}</h4>")
                elif line:
                    parts.append(f"<p style='margin-left:{max(depth - 1, 0)}em'>{esc(line)}</p>")
            return "".join(parts) + "</div>"
        return "\n".join(printable("  " * max(depth - 1, 0) + line) for depth, line in lines) + "\n"

    def __str__(self) -> str:
        return self.render("text", "vi")

    def _repr_html_(self) -> str:
        return self.render("html", display_language())

    def __repr__(self) -> str:
        late = sum(len(a.overdue) for a in self.agencies)
        return (
            f"<Duties {self.request.id} {self.evaluation.unit!r}: {len(self.agencies)} agencies, "
            f"{late} overdue>"
        )
