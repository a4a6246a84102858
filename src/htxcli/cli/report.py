"""htx report: the province's yearly summary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from htxcli.cli.common import engine, registry_path, say
from htxcli.cli.report_issued import (
    check_findings,
    issue_options,
    issue_report,
    list_issued,
    note_if_issued,
    print_as_issued,
    report_command,
    since,
)
from htxcli.cli.report_output import DOCUMENTS, ReportFormat, chosen_format, render_report
from htxcli.domain import messages
from htxcli.domain.errors import InvalidValue
from htxcli.domain.values import format_date
from htxcli.services.output import STDOUT, check_replaceable, check_target

if TYPE_CHECKING:
    from htxcli.domain.report import Report


def register(app: typer.Typer) -> None:
    app.command("report")(report)


def report(
    ctx: typer.Context,
    years: Annotated[
        str | None,
        typer.Argument(
            metavar="YEAR|FIRST..LAST",
            help="2018, or a range: 2016..2020 or 2016-2020 (none with --issued).",
            show_default=False,
        ),
    ] = None,
    compare: Annotated[
        bool, typer.Option("--compare", help="Add the year before and the change beside each figure.")
    ] = False,
    district: Annotated[
        str | None,
        typer.Option(help="Only this district; accents and case do not matter ('bach thong')."),
    ] = None,
    commune: Annotated[
        str | None,
        typer.Option(
            help="Only this commune, by each organisation's address on the reporting period's last day "
            "('thuong minh')."
        ),
    ] = None,
    format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table for people (default); json or csv (tidy: year,section,key,metric,value) for "
            "scripts; markdown for documents; text: the figures as the report's prose; docx (Word) and html "
            "(printable, with charts): the report an office sends; xlsx: the Excel appendix (with -o FILE).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to FILE instead of stdout; the format follows its extension (.json .csv .md .txt "
            ".docx .html .xlsx).",
            readable=False,  # /dev/stdout of another user's pipe is written, never read
        ),
    ] = None,
    office: Annotated[
        str | None,
        typer.Option(
            help="The issuing office at the top of the Word and HTML report ('SỞ TÀI CHÍNH'); "
            "without it, the registry's setting (htx settings office …), else a dotted line to fill in.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace the Word, Excel or HTML file of --output even if it changed since htx wrote it "
            "(without it, htx replaces only its own unchanged output).",
        ),
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DAY",
            help="Stop at this day of the (last) year's period, e.g. 30/06/2026: stocks on that day, flows "
            "from the period's start; the year before compared is the same part of it.",
            show_default=False,
        ),
    ] = None,
    period_start: Annotated[
        str | None,
        typer.Option(
            "--period-start",
            metavar="DD/MM",
            help="First day of each reporting year, e.g. 15/12 (Circular 09/2024: 15/12/2017–14/12/2018 "
            "is 2018). Default: the registry's setting (htx settings period-start), else 01/01.",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Instead of the report, list what should be looked at before signing it (parts that do "
            "not add up, organisations with no address or no rating, figures a unit off, overdue "
            "suspensions…), one line each; exit 1 when anything is found. With --format json: "
            '{"findings": [{"check", "message", "codes"}]}.',
        ),
    ] = False,
    issue: Annotated[
        bool,
        typer.Option(
            "--issue",
            help="Print the report and keep it as issued, with --number and --on: it can be reprinted as it "
            "was (--as-issued) whatever changes later. Refused while --check finds anything, unless "
            "--despite-findings.",
        ),
    ] = False,
    number: Annotated[
        str | None,
        typer.Option(
            "--number",
            metavar="NUMBER",
            help="The issued report's document number (768/BC-STC): with --issue, its number; with "
            "--as-issued, which of the year's issued reports to print.",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            help="With --issue: the day it is signed, DD/MM/YYYY (default: today); the Word and HTML "
            "date line.",
            show_default=False,
        ),
    ] = None,
    despite_findings: Annotated[
        bool,
        typer.Option("--despite-findings", help="With --issue: issue it although --check finds something."),
    ] = False,
    replaces: Annotated[
        str | None,
        typer.Option(
            "--replaces",
            metavar="NUMBER",
            help="With --issue: the number of the report of the same years and filters that this one "
            "replaces (both are kept).",
            show_default=False,
        ),
    ] = None,
    issued: Annotated[
        bool,
        typer.Option(
            "--issued",
            help="List the reports issued (number, date, years, area, by whom); with YEAR, those of it.",
        ),
    ] = False,
    as_issued: Annotated[
        bool,
        typer.Option(
            "--as-issued",
            help="Print the report as it was issued, from what was stored, in any format (the newest "
            "of these years and filters, or --number).",
        ),
    ] = False,
    since_issued: Annotated[
        bool,
        typer.Option(
            "--since-issued",
            help="List every figure that differs from the report as issued (issued and now), and the "
            "history entries since it was issued (who, when, what).",
        ),
    ] = False,
) -> None:
    """Print the yearly summary: organisations active, founded and dissolved by kind; ratings in the
    three bands (effective = good + fair, average, weak) with shares summing to 100; support per
    program; the new-model cooperatives; the districts.

    \b
    Examples:
      htx report 2018
      htx report 2018 --compare
      htx report 2021-2025
      htx report 2016..2020 --format csv | grep ',bands,'
      htx report 2018 --district 'Ba Bể' -o ba-be-2018.md
      htx report 2018 --format text
      htx report 2018 -o bao-cao-2018.docx --office 'SỞ TÀI CHÍNH'
      htx report 2018 -o bao-cao-2018.xlsx
      htx report 2018 --period-start 15/12 --format json
      htx report 2026 --as-of 30/06/2026
      htx report 2018 --check
      htx report 2018 --issue --number 01/BC-SKHĐT --on 16/11/2018
      htx report --issued
      htx report 2018 --as-issued --format docx -o bao-cao-2018.docx
      htx report 2018 --since-issued
    """
    from htxcli.domain.values import parse_years
    from htxcli.services.report import reports

    if issued:
        list_issued(ctx, chosen_format(format, output), None if years is None else parse_years("year", years))
        return
    if years is None:
        raise typer.BadParameter(messages.REPORT_YEAR_MISSING, param_hint="YEAR|FIRST..LAST")
    span = parse_years("year", years)
    start = None
    if period_start is not None:
        from htxcli.domain.settings import parse_period_start

        start = parse_period_start("--period-start", period_start)
    day = None
    if as_of is not None:
        from htxcli.domain.values import parse_date

        day = parse_date("--as-of", as_of)
    _warn_of_the_future(ctx, span, start)
    chosen = chosen_format(format, output)
    target = STDOUT if output is None else str(output)
    guarded = registry_path(ctx)
    if chosen is ReportFormat.xlsx and output is None:
        raise InvalidValue("--format", chosen.value, messages.OUTPUT_BINARY_NOT_STDOUT)
    issued_on = issue_options(issue, number, on, replaces, as_issued, despite_findings, since_issued)
    if output is not None:
        check_target("--output", target, registry=guarded)  # before the report's queries run
        if chosen in DOCUMENTS:
            check_replaceable("--output", target, force=force)
    elif chosen is ReportFormat.docx and sys.stdout.isatty():
        raise InvalidValue("--format", chosen.value, messages.DOCX_TO_TERMINAL)
    if day is not None:  # within the (last) year's period, said with the day as typed
        from htxcli.services.settings import reporting_period

        period = reporting_period(engine(ctx, create=False), span[-1], start)
        if day not in period:
            first, last = format_date(period.first), format_date(period.last)
            raise InvalidValue("--as-of", as_of, messages.AS_OF_OUTSIDE.format(first=first, last=last))
    single = len(span) == 1
    if since_issued:
        since(ctx, span, district, commune, compare, number, chosen)
        return
    if as_issued:
        print_as_issued(ctx, span, district, commune, compare, number, chosen, output, target, single)
        return
    built = reports(
        engine(ctx, create=False),
        span,
        district=district,
        commune=commune,
        compare=compare,
        period_start=start,
        as_of=day,
    )
    if check:
        check_findings(ctx, built, chosen)
        return
    if district is not None:
        from htxcli.services.report import former_district

        moved = former_district(engine(ctx, create=False), span, district, period_start=start)
        if moved is not None:
            say(moved)
    letterhead = None
    if chosen in DOCUMENTS:  # the workbook's sheets cite the office's report too
        from htxcli.render.letterhead import Letterhead
        from htxcli.services import settings

        in_force = settings.every(engine(ctx, create=False))
        in_force["province"] = settings.province(engine(ctx, create=False))  # the date line's place
        letterhead = Letterhead.of(in_force, office)
    if issue:
        assert issued_on is not None and number is not None
        issue_report(
            ctx, span, built, district, commune, office, number, issued_on, replaces, despite_findings
        )
    render_report(
        ctx,
        chosen,
        built,
        output,
        target,
        single=single,
        letterhead=letterhead,
        today=issued_on,
        document_number=number if issue else None,
    )
    if issue:
        from htxcli.cli.report_issued import report_command

        command = report_command(span, district, commune, "--as-issued")
        say(messages.ISSUED.format(number=number, date=format_date(issued_on), command=command))
    else:
        if chosen in DOCUMENTS:  # dated today, it may still say "đến ngày <the period's last day>"
            from datetime import date

            from htxcli.cli.report_issued import warn_if_early

            warn_if_early(built, date.today())
            _warn_of_findings(ctx, span, built, district, commune)
        note_if_issued(ctx, span, built, district, commune)


def _warn_of_findings(
    ctx: typer.Context, span: list[int], built: Report, district: str | None, commune: str | None
) -> None:
    """A draft document the clerk may sign: what `--check` finds (support dated after a dissolution,
    organisations not rated…) said in one line, with the command that lists it."""
    from htxcli.services.report_checks import findings

    found = findings(engine(ctx, create=False), built)
    if found:
        command = report_command(span, district, commune, "--check")
        say(messages.DRAFT_FINDINGS.format(count=len(found), command=command))


def _warn_of_the_future(ctx: typer.Context, span: list[int], start: tuple[int, int] | None) -> None:
    """A year not yet begun is most likely a typo (2081 for 2018); its report is printed all the same,
    since a plan or a script may ask for it on purpose. Begun by the registry's period: with periods
    from 15/12, 2027 has begun on 20/12/2026."""
    from datetime import date

    today = date.today()
    if span[-1] <= today.year:
        return
    from htxcli.services.settings import reporting_period

    upcoming = reporting_period(engine(ctx, create=False), today.year + 1, start)
    current = today.year + 1 if today >= upcoming.first else today.year
    if span[-1] > current:
        later = [str(y) for y in span if y > current]
        say(messages.REPORT_FUTURE_YEAR.format(years=", ".join(later), current=current))
