"""htx report's issued reports (issue 24): --check before signing, --issue, --issued, --as-issued and
--since-issued. The report itself is rendered by cli/report.py's one path (render_report), live or as
issued alike."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from htxcli.cli.common import engine, say
from htxcli.domain import messages
from htxcli.domain.errors import InvalidValue

if TYPE_CHECKING:
    from datetime import date

    from htxcli.cli.report_output import ReportFormat
    from htxcli.domain.report import Report


def issue_options(
    issue: bool,
    number: str | None,
    on: str | None,
    replaces: str | None,
    as_issued: bool,
    despite_findings: bool,
    since_issued: bool = False,
) -> date | None:
    """The issue's date (today unless --on), checked with the options that go with --issue; None
    when not issuing."""
    from datetime import date

    from htxcli.domain.values import parse_past_date

    if issue and as_issued:
        raise InvalidValue("--as-issued", "", messages.ISSUED_NOT_BOTH)
    if not issue:
        for name, given in (
            ("--on", on),
            ("--replaces", replaces),
            ("--despite-findings", despite_findings or None),
        ):
            if given is not None:
                raise InvalidValue(
                    name, given if isinstance(given, str) else "", messages.ISSUED_ONLY_WITH_ISSUE
                )
        if number is not None and not (as_issued or since_issued):
            raise InvalidValue("--number", number, messages.ISSUED_NUMBER_WITHOUT)
        return None
    if number is None or not number.strip():
        raise InvalidValue("--number", number or "", messages.ISSUED_NUMBER_MISSING)
    return date.today() if on is None else parse_past_date("--on", on)


def issue_report(
    ctx: typer.Context,
    span: list[int],
    built: Report,
    district: str | None,
    commune: str | None,
    office: str | None,
    number: str,
    on: date,
    replaces: str | None,
    despite_findings: bool,
) -> None:
    """Store the report as issued, once --check finds nothing (or --despite-findings)."""
    import io

    from htxcli.domain.report_codec import dumps
    from htxcli.domain.text import clean
    from htxcli.render.machine import write_json
    from htxcli.render.report_json import as_json
    from htxcli.services import issued, settings
    from htxcli.services.report_checks import findings

    db = engine(ctx, create=False)
    found = findings(db, built)
    if found and not despite_findings:
        for finding in found:
            say(finding.message)
        command = report_command(span, district, commune, "--check")
        raise InvalidValue(
            "--issue", number, messages.ISSUED_FINDINGS.format(count=len(found), command=command)
        )
    document = io.StringIO()
    write_json(document, as_json(built, single=len(span) == 1))
    in_force = settings.every(db)
    if office is not None:
        in_force["office"] = office
    first = built.years[0].period
    if first is not None:  # the start the report used: the setting's, or --period-start's
        in_force["period-start"] = f"{first.first.day:02}/{first.first.month:02}"
    issued.issue(
        db,
        issued.which(span, built, district, commune),
        number=clean(number) or number,
        on=on,
        document=document.getvalue(),
        model=dumps(built),
        settings=in_force,
        replaces=replaces,
    )
    warn_if_early(built, on)


def warn_if_early(built: Report, on: date) -> None:
    """A document dated (or issued) before its period ends still says "đến ngày <last day>": say so,
    and how to report to its date instead."""
    from htxcli.domain.values import format_date

    last = built.years[-1].period
    if last is not None and on < last.last and built.years[-1].as_of is None:
        say(messages.ISSUED_EARLY.format(on=format_date(on), last=format_date(last.last)))


def report_command(span: list[int], district: str | None, commune: str | None, *options: str) -> str:
    """The command that asks for this report, as the clerk would type it: 'htx report 2026 --district
    'Ba Bể' --as-issued'."""
    import shlex

    years = str(span[0]) if len(span) == 1 else f"{span[0]}..{span[-1]}"
    filters = [
        f"{option} {shlex.quote(value)}"
        for option, value in (("--district", district), ("--commune", commune))
        if value
    ]
    return " ".join(["htx report", years, *filters, *options])


def print_as_issued(
    ctx: typer.Context,
    span: list[int],
    district: str | None,
    commune: str | None,
    compare: bool,
    number: str | None,
    chosen: ReportFormat,
    output: Path | None,
    target: str,
    single: bool,
) -> None:
    """The report as issued, rendered again from the stored model by the live report's code."""
    from htxcli.cli.report_output import render_report

    if chosen.value == "xlsx":  # its list of organisations is read live: not what was issued
        raise InvalidValue("--format", chosen.value, messages.ISSUED_NO_WORKBOOK)
    from htxcli.domain.report_codec import loads
    from htxcli.render.letterhead import Letterhead
    from htxcli.services import issued

    key = _which_asked(span, district, commune, compare)
    row = issued.stored(engine(ctx, create=False), key, number)
    built = loads(row["model"])
    kept = row["settings"]
    render_report(
        ctx,
        chosen,
        built,
        output,
        target,
        single=single,
        letterhead=Letterhead.of(kept),
        today=row["issued_on"],
        document_number=row["number"],
    )


def _which_asked(span: list[int], district: str | None, commune: str | None, compare: bool) -> Any:
    """The years and filters asked, as issued reports are found by (the period is the stored one's)."""
    from datetime import date

    from htxcli.services.issued import Which

    shown = str(span[0]) if len(span) == 1 else f"{span[0]}..{span[-1]}"
    return Which(shown, date.min, date.max, district, commune, compare)


def note_if_issued(
    ctx: typer.Context, span: list[int], built: Report, district: str | None, commune: str | None
) -> None:
    """After a live report of an issued year: one line saying how many figures differ from the issued
    report; with --compare, the same of the year before (compared by its live figures)."""
    from htxcli.domain.report import Report
    from htxcli.domain.report_diff import differences
    from htxcli.render.report_json import as_json, year_object
    from htxcli.services import issued

    db = engine(ctx, create=False)
    kept = issued.current(db, issued.which(span, built, district, commune))
    if kept is not None:
        changed = differences(json.loads(kept["report"]), as_json(built, single=len(span) == 1))
        if changed:
            say(messages.ISSUED_DIFFERS.format(number=kept["number"], count=len(changed)))
    for one in built.years:
        if one.previous is None:
            continue
        alone = Report([one.previous], False, built.active_by_year)
        before = issued.current(db, issued.which([one.year - 1], alone, district, commune))
        if before is not None and differences(json.loads(before["report"]), year_object(one.previous)):
            say(messages.ISSUED_COMPARED_LIVE.format(year=one.year - 1, number=before["number"]))


def since(
    ctx: typer.Context,
    span: list[int],
    district: str | None,
    commune: str | None,
    compare: bool,
    number: str | None,
    chosen: ReportFormat,
) -> None:
    """Every figure that differs from the report as issued, by group, and the history entries since."""
    from htxcli.domain.report_diff import describe, differences, value_shown
    from htxcli.domain.values import format_date
    from htxcli.render.history import headline
    from htxcli.render.report_json import as_json
    from htxcli.services import issued
    from htxcli.services.report import reports

    db = engine(ctx, create=False)
    row = issued.stored(db, _which_asked(span, district, commune, compare), number)
    first = row["period_first"]
    live = reports(
        db, span, district=district, commune=commune, compare=compare, period_start=(first.day, first.month)
    )
    changed = differences(json.loads(row["report"]), as_json(live, single=len(span) == 1))
    entries = issued.history_since(db, row["history_position"], live.years[0].area)
    if chosen.value == "json":
        from htxcli.render.machine import write_json

        write_json(
            sys.stdout,
            {
                "issued": {"number": row["number"], "date": row["issued_on"].isoformat()},
                "figures": [
                    {"group": d.group, "path": d.path, "issued": d.issued, "now": d.now} for d in changed
                ],
                "history": [
                    {
                        "id": e["id"],
                        "at": e["at"].isoformat(sep=" "),
                        "user": e["user_name"],
                        "command": e["command"],
                        "what": headline(e),
                    }
                    for e in entries
                ],
            },
        )
        return
    lines = [messages.SINCE_ISSUED.format(number=row["number"], date=format_date(row["issued_on"]))]
    if not changed:
        lines.append(messages.SINCE_ISSUED_SAME)
    groups: dict[str, list[Any]] = {}
    for d in changed:
        groups.setdefault(d.group, []).append(d)
    for group, found in groups.items():
        lines.append(messages.SINCE_ISSUED_GROUP.format(group=messages.DIFF_GROUPS[group], count=len(found)))
        lines.extend(
            f"  {describe(d.path)}: {value_shown(d.path, d.issued)} → {value_shown(d.path, d.now)}"
            for d in found
        )
    lines.append(messages.SINCE_ISSUED_HISTORY.format(count=len(entries)))
    for e in entries:
        when = e["at"].strftime("%d/%m/%Y %H:%M")
        lines.append(f"  #{e['id']} {when} {e['user_name']}: {headline(e)}")
    typer.echo("\n".join(lines))


def _plain(value: Any) -> str:
    return "–" if value is None else str(value)


def list_issued(ctx: typer.Context, chosen: ReportFormat, years: list[int] | None = None) -> None:
    """The reports issued; with YEAR (or a range), those whose years include one of them."""
    from htxcli.cli.common import Format, emit
    from htxcli.services import issued

    rows = issued.every(engine(ctx, create=False))
    if years is not None:
        from htxcli.domain.values import parse_years

        asked = set(years)
        rows = [r for r in rows if asked & set(parse_years("year", r["years"]))]
    columns = ["number", "date", "years", "period", "area", "user", "at", "replaces"]
    shown = [
        {
            "number": r["number"],
            "date": r["issued_on"],
            "years": r["years"],
            "period": f"{r['period_first'].isoformat()}..{r['period_last'].isoformat()}",
            "area": r["area"],
            "user": r["issued_by"],
            "at": r["issued_at"],
            "replaces": r["replaces"],
        }
        for r in rows
    ]

    def table() -> None:
        from htxcli.render import tables

        if not shown:
            say(messages.ISSUED_NONE_YET)
            return
        # The day stored and the period are in csv and json: the table keeps to 80 columns.
        narrow = [c for c in columns if c not in ("period", "at")]
        people = [{**r, "area": r["area"] or messages.PROVINCE_WIDE} for r in shown]  # as plan says it
        tables.console().print(tables.table(narrow, people, messages.ISSUED_TITLE))

    as_json = [{**r, "date": r["date"].isoformat(), "at": r["at"].isoformat(sep=" ")} for r in shown]
    fmt = Format(chosen.value) if chosen.value in Format.__members__ else Format.table
    emit(fmt, table=table, columns=columns, rows=shown, json=as_json)


def check_findings(ctx: typer.Context, built: Report, chosen: ReportFormat) -> None:
    """The findings on stdout, one line each (or as JSON); exit 1 when there is any."""
    from htxcli.services.report_checks import as_json, findings

    found = findings(engine(ctx, create=False), built)
    if chosen.value == "json":
        from htxcli.render.machine import write_json

        write_json(sys.stdout, as_json(found))
    elif found:
        for finding in found:
            typer.echo(finding.message)
    else:
        typer.echo(messages.CHECK_NONE)
    if found:
        raise typer.Exit(1)
