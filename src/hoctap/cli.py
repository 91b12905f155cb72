"""The ``hoctap`` command line: check, show, schema, evaluate, report, template, duties.

Exit codes: 0 success (for ``evaluate``: an evaluation was produced, whatever the level);
1 a criteria file is invalid (``check``); 2 bad usage or bad input, with the message on
stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from hoctap._json import dumps
from hoctap._many import evaluations, is_table, tables_command
from hoctap._version import __version__
from hoctap.api import (
    diff,
    duties_for,
    evaluate_file,
    impact,
    read_assessment,
    template,
    verify,
)
from hoctap.errors import HoctapError, Lang, Message, SpecError, printable
from hoctap.files._loading import (
    bundled_names,
    check,
    in_force,
    load,
    registry,
    report_request_names,
)
from hoctap.reports.annex import (
    calendar_to_text,
    done_from,
    registry_to_text,
    set_to_html,
    set_to_json,
    set_to_markdown,
    set_to_text,
    set_to_xlsx,
)
from hoctap.reports.diff import render_diff
from hoctap.reports.report import report, report_html
from hoctap.results.record import record_schema_json
from hoctap.spec.schema import criteria_schema_json

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoctap.results.evaluation import Evaluation
    from hoctap.spec._registry import Registry
    from hoctap.spec.models import CriteriaSet

__all__ = ["main"]


def __dir__() -> list[str]:
    return list(__all__)


def _over_time_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The commands of the registry, the calendar, records and comparisons."""
    p_sets = sub.add_parser(
        "sets", help="the registry of sets: which set is in force for a tier and a year"
    )
    p_sets.add_argument("--tier", help="one tier: commune, district, province...")
    p_sets.add_argument("--year", type=int, help="the assessment year (the data's year)")
    p_sets.add_argument("--locality", help="where the sets differ by locality (the 2022 pilot)")
    p_sets.add_argument("--lang", choices=["vi", "en"], default="vi")

    p_diff = sub.add_parser("diff", help="compare two criteria sets, rule by rule")
    p_diff.add_argument("a", metavar="A", help="a bundled set's name or a path")
    p_diff.add_argument("b", metavar="B", help="a bundled set's name or a path")
    p_diff.add_argument(
        "--mapping", metavar="FILE", help="YAML lines 'A_ID: B_ID' where ids differ"
    )
    _written(p_diff, ["text", "markdown", "html", "json"])

    p_impact = sub.add_parser(
        "impact", help="two sets over the same units: who changes level, and which edit did it"
    )
    p_impact.add_argument("a", metavar="A")
    p_impact.add_argument("b", metavar="B")
    p_impact.add_argument("units", metavar="TABLE", help="a CSV or xlsx table of units")
    p_impact.add_argument(
        "--mapping", metavar="FILE", help="YAML lines 'A_ID: B_ID' where ids differ"
    )
    p_impact.add_argument("--format", choices=["text", "json"], default="text")
    p_impact.add_argument("--lang", choices=["vi", "en"], default="vi")

    p_verify = sub.add_parser(
        "verify",
        help="evaluate a JSON record again: does the same set and values give the same result?",
    )
    p_verify.add_argument("record", metavar="RECORD.json")
    p_verify.add_argument("--lang", choices=["vi", "en", "both"], default="both")

    p_cal = sub.add_parser(
        "calendar", help="what is due when for a tier's assessed year, and on a day what is overdue"
    )
    p_cal.add_argument("--tier", required=True, help="commune, district, province...")
    p_cal.add_argument("--year", type=int, required=True, help="the assessed year")
    p_cal.add_argument("--on", help="the day asked about, YYYY-MM-DD")
    p_cal.add_argument("--locality", help="where the sets differ by locality (the 2022 pilot)")
    p_cal.add_argument("--lang", choices=["vi", "en"], default="vi")
    p_cal.add_argument(
        "--from", dest="fill", metavar="ASSESSMENT", help="a unit's assessment: what it shows done"
    )


def _written(command: argparse.ArgumentParser, formats: list[str]) -> None:
    """The options of a command that writes a view: its format, language and file."""
    command.add_argument("--format", choices=formats, default=formats[0])
    command.add_argument("--lang", choices=["vi", "en"], default="vi")
    command.add_argument("-o", "--output", metavar="PATH", help="write here (needed for xlsx)")


def _request(command: argparse.ArgumentParser, words: str) -> None:
    """The ``--request`` option: a bundled report request."""
    command.add_argument(
        "--request", default="hai-phong-2022", choices=report_request_names(), help=words
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hoctap",
        description=(
            "Tiêu chí công nhận huyện/thành phố/tỉnh học tập, dưới dạng dữ liệu kiểm tra được. "
            "Vietnam's criteria for recognising learning districts, cities and provinces."
        ),
    )
    parser.add_argument("--version", action="version", version=f"hoctap {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p_check = sub.add_parser("check", help="validate criteria files (default: the bundled sets)")
    p_check.add_argument("files", nargs="*", metavar="FILE", help="criteria files or bundled names")
    p_check.add_argument("--lang", choices=["vi", "en", "both"], default="both")

    p_show = sub.add_parser(
        "show", help="print a criteria set as its annex: text, Markdown, HTML, xlsx or JSON"
    )
    p_show.add_argument(
        "name", metavar="NAME|PATH", help=f"bundled ({', '.join(bundled_names())}) or a path"
    )
    _written(p_show, ["text", "markdown", "html", "xlsx", "json"])

    p_schema = sub.add_parser("schema", help="print the JSON Schema of criteria files")
    p_schema.add_argument(
        "--record", action="store_true", help="of an evaluation's JSON record instead"
    )

    _over_time_commands(sub)

    p_eval = sub.add_parser(
        "evaluate", help="evaluate assessments, or a table of units (CSV, xlsx, or a folder)"
    )
    p_eval.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="assessment files (YAML, JSON), or a table of units (.csv, .xlsx) or a folder",
    )
    p_eval.add_argument(
        "-o", "--output", metavar="PATH", help="write a table's results here (.csv, .xlsx, .json)"
    )
    p_eval.add_argument(
        "--criteria", metavar="NAME|PATH", help="judge under this set instead of the file's own"
    )
    p_eval.add_argument("--format", choices=["text", "json", "markdown", "html"], default="text")
    p_eval.add_argument("--lang", choices=["vi", "en"], default="vi")

    p_report = sub.add_parser(
        "report", help="a report for a council: one unit, a table of units, a city"
    )
    p_report.add_argument(
        "files", nargs="+", metavar="FILE", help="assessment files, tables (.csv, .xlsx), folders"
    )
    p_report.add_argument(
        "--criteria", metavar="NAME|PATH", help="judge under this set (needed for tables)"
    )
    _written(p_report, ["html", "markdown", "xlsx"])

    p_form = sub.add_parser(
        "template", help="the blank form for one unit, or one agency's part of it"
    )
    p_form.add_argument("criteria", metavar="CRITERIA", help="a bundled set's name or a path")
    p_form.add_argument("--agency", metavar="NAME", help="only the indicators this agency owes")
    _request(p_form, "the report request that says who reports what (with --agency)")
    p_form.add_argument("--from", dest="fill", metavar="ASSESSMENT", help="fill in its values")
    _written(p_form, ["xlsx", "csv", "yaml"])

    p_duties = sub.add_parser(
        "duties", help="who owes what: each agency's indicators, missing, failing, overdue"
    )
    p_duties.add_argument("file", metavar="ASSESSMENT", help="a city's assessment, YAML or JSON")
    p_duties.add_argument("--on", metavar="DATE", help="the day asked about, YYYY-MM-DD")
    _request(p_duties, "the report request (bundled)")
    p_duties.add_argument("--format", choices=["text", "json", "markdown", "html"], default="text")
    p_duties.add_argument("--lang", choices=["vi", "en"], default="vi")
    return parser


def _show(spec: CriteriaSet, fmt: str, lang: Lang, found: Registry | None) -> str | bytes:
    if fmt == "json":
        return set_to_json(spec)
    if fmt == "markdown":
        return set_to_markdown(spec, lang, registry=found)
    if fmt == "html":
        return set_to_html(spec, lang, registry=found)
    if fmt == "xlsx":
        return set_to_xlsx(spec, lang, registry=found)
    return set_to_text(spec, lang, registry=found)


def _write(made: str | bytes, output: str | None, out: TextIO) -> int:
    """Write a view to ``-o PATH``, or text to stdout; a workbook needs a file."""
    if output is not None:
        Path(output).write_bytes(made.encode("utf-8") if isinstance(made, str) else made)
        return 0
    if isinstance(made, bytes):
        message = Message(
            "bảng tính xlsx cần -o TỆP (ví dụ -o bao-cao.xlsx)",
            "an xlsx workbook needs -o FILE (e.g. -o report.xlsx)",
        )
        print(f"hoctap: {message}", file=sys.stderr)
        return 2
    out.write(made)
    return 0


def _criteria_option(name: str, command: str = "evaluate") -> bool:
    """Whether ``--criteria`` names a set; if it names nothing at all, the option is blamed.

    A set that exists but is invalid keeps its own located problems, said later by the
    file it is used for.
    """
    try:
        load(name)
    except SpecError as exc:
        if len(exc.problems) == 1 and exc.problems[0].code == "file_not_found":
            message = exc.problems[0].message
            print(f"hoctap {command}: --criteria {printable(name)}: {message}", file=sys.stderr)
            return False
    return True


def _evaluate(args: argparse.Namespace, out: TextIO) -> int:
    if args.criteria is not None and not _criteria_option(args.criteria):
        return 2
    if any(is_table(name) for name in args.files):
        return tables_command(args.files, args.criteria, args.output, args.format, out)
    results: list[Evaluation] = []
    failed = False
    for name in args.files:
        try:
            results.append(evaluate_file(name, criteria=args.criteria))
        except HoctapError as exc:
            print(exc.render(), file=sys.stderr)
            failed = True
    if args.format == "json":
        data = [r.to_dict() for r in results]
        payload = data[0] if len(args.files) == 1 and data else data
        if results or not failed:
            out.write(dumps(payload))
    elif args.format == "html" and results:  # a page to open or print: the report's
        out.write(report_html(results, args.lang))
    else:
        out.write("\n".join(r.render(args.format, args.lang) for r in results))
    return 2 if failed else 0


def _check(files: list[str], lang: Lang, out: TextIO) -> int:
    targets: list[str | os.PathLike[str]] = list(files) or list(bundled_names())
    bad = 0
    if not files:  # the bundled sets, and the registry of which is in force when
        try:
            registry()
            print(f"criteria/registry.yaml: {Message('hợp lệ', 'valid').render(lang)}", file=out)
        except SpecError as exc:
            print(exc.render(), file=out)
            bad += 1
    for name, problems in check(targets).items():
        for problem in problems:
            print(problem.render(lang), file=out)
        if problems:
            bad += 1
        else:
            print(f"{name}: {Message('hợp lệ', 'valid').render(lang)}", file=out)
    if bad:
        print(Message(f"{bad} tệp không hợp lệ", f"{bad} invalid file(s)").render(lang), file=out)
    return 1 if bad else 0


def _sets(tier: str | None, year: int | None, place: str | None, lang: Lang, out: TextIO) -> int:
    """The registry as a table; with a tier and a year, the one set in force, or why none."""
    known = registry().known(tier) if tier is not None else None
    if isinstance(known, Message):  # not an empty table: say which tiers there are
        print(known.render("both"), file=sys.stderr)
        return 2
    if tier is not None and year is not None:
        out.write(f"{in_force(tier, year, place)}\n")  # refused with the reason: exit 2
        return 0
    out.write(registry_to_text(registry(), lang, tier=tier, year=year))
    return 0


def _calendar(args: argparse.Namespace, out: TextIO) -> int:
    """What is due when for a tier's assessed year; refused, with why, when nothing is."""
    chosen = registry().entry(in_force(args.tier, args.year, args.locality))  # or refused, why
    assert chosen is not None  # noqa: S101 - the registry chose it
    on = None
    if args.on is not None:
        try:
            on = dt.date.fromisoformat(args.on)
        except ValueError:
            print(
                Message(
                    f"--on: phải là ngày viết YYYY-MM-DD, nhận '{args.on}'",
                    f"--on: must be a date written YYYY-MM-DD, got '{args.on}'",
                ).render("both"),
                file=sys.stderr,
            )
            return 2
    done = None
    if args.fill is not None:  # the unit's own: its decisions and the day it asked
        unit = read_assessment(args.fill)
        own = unit.criteria.id
        if own != chosen.set and registry().entry(own) is not None:  # another set's dates
            print(
                Message(
                    f"{args.fill}: đánh giá theo bộ '{own}', lịch là của bộ "
                    f"'{chosen.set}'; chọn --tier/--year khớp với đánh giá",
                    f"{args.fill}: the assessment is under '{own}' but the "
                    f"calendar is for '{chosen.set}'; give a --tier/--year that match it",
                ).render("both"),
                file=sys.stderr,
            )
            return 2
        asked = unit.requested_on if unit.requested_said else None
        done = done_from(chosen, args.year, unit.history, asked)
    made = calendar_to_text(registry(), chosen, args.year, on=on, lang=args.lang, done=done)
    out.write(made + "\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    _never_fail_to_print()
    try:
        return _run(argv)
    except BrokenPipeError:  # the reader stopped early (`hoctap check | head`): not an error
        # Python's advice: point stdout at devnull so the flush at exit fails quietly too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _run(argv: Sequence[str] | None) -> int:  # noqa: C901, PLR0911, PLR0912 - one branch per command
    args = _parser().parse_args(argv)
    out = sys.stdout
    try:
        if args.command == "check":
            return _check(args.files, args.lang, out)
        if args.command == "show":
            # The registry places a bundled set only (an edited copy is not the one it lists).
            listed = registry() if args.name in bundled_names() else None
            made = _show(load(args.name), args.format, args.lang, listed)
            return _write(made, args.output, out)
        if args.command == "report":
            if args.criteria is not None and not _criteria_option(args.criteria, "report"):
                return 2
            spec = load(args.criteria) if args.criteria is not None else None
            made = report(evaluations(args.files, spec), args.format, args.lang)
            return _write(made, args.output, out)
        if args.command == "evaluate":
            return _evaluate(args, out)
        if args.command == "template":
            made = template(
                args.criteria,
                agency=args.agency,
                request=args.request,
                fill=args.fill,
                fmt=args.format,
                lang=args.lang,
            )
            return _write(made, args.output, out)
        if args.command == "duties":
            found = duties_for(args.file, request=args.request, on=args.on)
            out.write(found.render(args.format, args.lang))
            return 0
        if args.command == "schema":
            out.write(record_schema_json() if args.record else criteria_schema_json())
            return 0
        if args.command == "sets":
            return _sets(args.tier, args.year, args.locality, args.lang, out)
        if args.command == "calendar":
            return _calendar(args, out)
        if args.command == "diff":
            made = render_diff(diff(args.a, args.b, mapping=args.mapping), args.format, args.lang)
            return _write(made, args.output, out)
        if args.command == "impact":
            moved = impact(args.a, args.b, args.units, mapping=args.mapping)
            out.write(dumps(moved.to_dict()) if args.format == "json" else moved.render(args.lang))
            return 0
        if args.command == "verify":
            checked = verify(args.record)
            out.write(checked.render(args.lang))
            return 0 if checked.same else 1
    except HoctapError as exc:
        print(exc.render(), file=sys.stderr)
        return 2
    except ImportError as exc:  # an optional extra that is not installed: one line says which
        print(exc, file=sys.stderr)
        return 2
    return 2  # pragma: no cover - argparse rejects unknown commands


def _never_fail_to_print() -> None:
    # A console or redirect that cannot show Vietnamese (PYTHONIOENCODING=ascii, an old
    # Windows code page) gets escapes such as \u1ead instead of a crash.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
