"""The province's yearly summary: SQL aggregates shaped into domain/report.py's typed model, with its
totals and chart series, computed here once for every renderer.

Definitions (also in the README):
- active at the end of YEAR: founded on or before 31 December and not dissolved by then; one
  dissolved on D is inactive from D on, so a dissolution dated 31 December is not active at year end;
- new: founded in YEAR; dissolved: dissolved in YEAR; members, capital: sums over the active;
- ratings: those recorded for YEAR of the rated kinds (vocab.RATED_KINDS); the three bands are
  effective (good + fair), average, weak, with shares of the rated count by the largest-remainder method;
- support: records dated in YEAR, per program;
- legal status (revision 0005), on the period's last day: registered (= active), operating,
  suspended, being_dissolved, revoked (the four add up to registered); in the period: resumed.

YEAR is the reporting period named YEAR: the calendar year, or with the registry's `period-start`
(or --period-start) 15/12, from 15/12 of the year before to 14/12 (Circular 09/2024/TT-BKHĐT). Flows
count inside it, stocks are taken on its last day; ratings stay by rating year.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from htxcli.domain import messages
from htxcli.domain.areas import Area, areas_named
from htxcli.domain.errors import InvalidValue
from htxcli.domain.periods import Period
from htxcli.domain.places import (
    display_names,
    place_groups,
    preferred_spelling,
    spellings_by_key,
    spellings_of,
)
from htxcli.domain.reform import NEW_SCHEME, REFORM_DAY
from htxcli.domain.report import (
    Count,
    Label,
    Organisations,
    Percent,
    Ratings,
    Recipient,
    Report,
    Series,
    Support,
    SupportTotal,
    Totals,
    YearReport,
    columns,
)
from htxcli.domain.shares import largest_remainder
from htxcli.domain.text import sort_key
from htxcli.domain.vocab import BANDS, KINDS, PROGRAMS, RATED_GRADES
from htxcli.store.uow import UnitOfWork

if TYPE_CHECKING:
    from sqlalchemy import Engine

# The statuses that set a registered organisation apart from the operating ones (the status query's
# columns, with `resumed`).
NOT_OPERATING = ("suspended", "being_dissolved", "revoked")
# The programme whose recipients the report names one by one.
NAMED_PROGRAM = "new-model"
NO_DISTRICT = ""

Sums = dict[str, int]  # an organisation block's figures while they are added up


def reports(
    engine: Engine,
    years: list[int],
    *,
    district: str | None = None,
    commune: str | None = None,
    compare: bool = False,
    period_start: tuple[int, int] | None = None,
    as_of: date | None = None,
) -> Report:
    """One report per year; with compare, each carries the year before under `previous`. The
    reporting periods start on `period_start` (day, month), by default on the registry's setting.
    With `as_of`, a day within the last year's period, that year stops there (stocks on that day,
    flows from the period's start) and the year before it is the same period a year earlier."""
    from htxcli.services.settings import period_start as stored_period_start

    with UnitOfWork(engine, read_only=True) as uow:
        area, area_name = _area(uow, district, commune)
        start = period_start or stored_period_start(uow)
        last = years[-1]
        if as_of is not None:
            _check_as_of(as_of, Period.reporting_year(last, start))
        built: dict[Period, YearReport] = {}

        def period_of(year: int, *, before: bool = False) -> Period:
            """The period of `year`; with `before`, the same period of the year before it."""
            wanted = year - 1 if before else year
            full = Period.reporting_year(wanted, start)
            if as_of is None or year != last:
                return full
            return Period(full.first, _a_year_before(as_of) if before else as_of)

        def year_report(year: int, period: Period | None = None) -> YearReport:
            period = period or period_of(year)
            if period not in built:
                partial = period != Period.reporting_year(year, start)
                one = _year(uow, period, year, area, area_name, as_of=period.last if partial else None)
                if partial:
                    one.as_of = period.last
                built[period] = one
            return built[period]

        out = []
        for year in years:
            report = year_report(year)
            if compare:
                report = replace(report, previous=year_report(year - 1, period_of(year, before=True)))
            out.append(report)
        if uow.plans.any():
            from htxcli.services.attainment import attainments

            for report in out:
                report.plan = attainments(uow.plans.covering(report.year), report, year_report, period_of)
    # The chart of a range: organisations active at each year's end, a point per column shown.
    active = Series(tuple((str(r.year), r.totals.organisations.active) for r in columns(out, compare)))
    return Report(out, compare, active)


def _check_as_of(day: date, period: Period) -> None:
    """--as-of must fall within the period it cuts short."""
    from htxcli.domain.values import format_date

    if day not in period:
        first, last = format_date(period.first), format_date(period.last)
        raise InvalidValue("--as-of", format_date(day), messages.AS_OF_OUTSIDE.format(first=first, last=last))


def _a_year_before(day: date) -> date:
    """The same day a year earlier; 28 February for a 29th."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def roster(engine: Engine, report: Report) -> Iterator[tuple[Any, ...]]:
    """The organisations registered on the last day of the report's last period (the one its figures
    count, 15/12 to 14/12 too, not the calendar year), in `htx list`'s order, each with its legal status
    and address that day and its grade of every year the report shows (store/roster.py's columns); in
    the report's area when it has one. Streamed from its own read transaction: a workbook's appendix."""
    from htxcli.domain.unit_matching import titled
    from htxcli.store.roster import CODE_FIELDS, ROSTER_FIELDS, active_at_end

    last = report.years[-1]
    years = [one.year for one in report.columns]
    period = last.period or Period.year(last.year)
    at = {f: i for i, f in enumerate((*ROSTER_FIELDS, *CODE_FIELDS))}
    shown = len(ROSTER_FIELDS)
    with UnitOfWork(engine, read_only=True) as uow:
        for row in active_at_end(uow.connection, period, years, last.area):
            fields = list(row[:shown])
            code, scheme = row[at["commune_code"]], row[at["scheme"]]
            former_code, former_scheme = row[at["former_commune_code"]], row[at["former_scheme"]]
            # Units with their type word: "Phường Bắc Kạn", not the former province's name.
            fields[at["commune"]] = titled(fields[at["commune"]], code, scheme)
            fields[at["district"]] = titled(fields[at["district"]], code, scheme, "district")
            for level in ("commune", "district", "province"):  # the former province: a sheet may hold two
                fields[at[f"former_{level}"]] = titled(
                    fields[at[f"former_{level}"]], former_code, former_scheme, level
                )
            yield (*fields, *row[shown + len(CODE_FIELDS) :])


def _area(uow: UnitOfWork, district: str | None, commune: str | None) -> tuple[Area | None, str | None]:
    """The area of --district and --commune (areas_named: both given, the commune within the
    district, as `htx list` reads them), each checked against the registry's names; shown by the
    narrowest, as the registry spells it."""
    area = areas_named(district, commune)
    name = None
    if district is not None:
        name = _district(uow, district)
    if commune is not None:
        name = _commune(uow, commune)
    return area, name


def _commune(uow: UnitOfWork, name: str) -> str:
    """The commune named (the official list's rule: places.spellings_of), as the registry spells it."""
    known = uow.reports.commune_spellings()
    found = sorted(spellings_of(name, known), key=sort_key)
    if not found:
        shown = sorted(
            {min(s, key=sort_key) for s in spellings_by_key((k, 1) for k in known).values()}, key=sort_key
        )
        names = ", ".join(shown) or messages.NONE_YET
        raise InvalidValue("commune", name, messages.UNKNOWN_COMMUNE.format(communes=names))
    return found[0]


def _district(uow: UnitOfWork, name: str) -> str:
    """The district named (the official list's rule: places.spellings_of), and its name as most of
    its records spell it."""
    counts: dict[str, int] = {}
    for spelling, records in uow.reports.district_spellings():
        counts[spelling] = counts.get(spelling, 0) + records
    found = spellings_of(name, counts)
    if found:
        return preferred_spelling({spelling: counts[spelling] for spelling in found})
    known = spellings_by_key(counts.items())
    shown = sorted((preferred_spelling(spellings) for spellings in known.values()), key=sort_key)
    names = ", ".join(shown) or messages.NONE_YET
    raise InvalidValue("district", name, messages.UNKNOWN_DISTRICT.format(districts=names))


def _year(
    uow: UnitOfWork,
    period: Period,
    year: int,
    area: Area | None,
    area_name: str | None,
    as_of: date | None = None,
) -> YearReport:
    reformed = period.last >= REFORM_DAY  # also by commune of the new scheme
    # An organisation is placed by its address on 31 December. Before any new address took effect
    # (every year before the reform) that is the address it was registered with: the report's
    # covering index answers, as it always did.
    by_address = reformed or uow.reports.addresses_moved_by(period.last)
    if area is not None and (area.level == "commune" or by_address):
        # The commune, or district, of the address in force that year: a district names none of the
        # organisations whose new address (without districts) took effect by then.
        area = area.on_day(period.last)
    if by_address:
        rows = uow.reports.organisations_by_address(period, area)
    else:
        rows = uow.reports.organisations(period, area)
    _with_statuses(rows, uow.reports.statuses(period, area, by_address=by_address))
    # Spellings of one district ('Ba Bể', 'BA BỂ') are one district, shown as most records spell it;
    # the rows cover every organisation (the year only decides their figures), so every year of a
    # comparison or range shows the same name.
    shown = display_names((row["district"], row["records"]) for row in rows if row["district"])
    by_kind, by_district = _organisations(rows, shown)
    if reformed:
        # Districts are gone: an address before 01/07/2025 never moved to a commune of the new scheme
        # is no longer in force, and is counted in the commune table as unknown (report --check and
        # db check name those organisations), not by a district that no longer exists.
        by_district = {}
    communes = former = None
    communes_shown: Mapping[str, str] = {}
    former_shown: Mapping[str, str] = {}
    if reformed:
        groups = place_groups(
            (r["commune"], r.get("commune_code"), r["records"]) for r in rows if r["commune"]
        )
        communes_shown = {spelling: name for (spelling, _), name in groups.items()}
        communes = _organisations(rows, groups, "commune")[1]
        former_shown = display_names(_spellings(rows, "former_province"))
        former = _organisations(rows, former_shown, "former_province")[1]
    support = _support(uow.reports.support(period, area))
    titles = _commune_titles(uow, period.last, communes_shown) if reformed else {}
    recipients = [
        Recipient(
            r["code"],
            r["name"],
            shown.get(r["district"], r["district"]),
            communes_shown.get(r["commune"], r["commune"]) if reformed else None,
            province=r["province"] if reformed else None,
        )
        for r in uow.reports.recipients(period, NAMED_PROGRAM, area, on=period.last if by_address else None)
    ]
    # As of a day within the year: the ratings of the organisations founded by then (a rating of the
    # year given to one founded later would count more rated than were registered on that day).
    grades = uow.reports.grades(year, area, founded_by=as_of)
    ratings = _ratings(grades, uow.reports.not_rated(period, year, area))
    economy = None
    if uow.reports.has_figures():  # a registry without yearly figures reports as it always did
        from htxcli.services.economy import year_economy

        district_totals = {name: Organisations.total(b.values()) for name, b in by_district.items()}
        places = {
            "district": (shown, district_totals) if by_district else None,  # none after the reform
            "commune": (communes_shown, _totals(communes) or {}) if reformed else None,
            "former_province": (former_shown, _totals(former) or {}) if reformed else None,
        }
        rows = uow.reports.economy(period, year, area, by_address=by_address)
        economy = year_economy(rows, by_kind, places, ended=uow.reports.ended_reporting(period, year, area))
    totals = Totals(
        Organisations.total(by_kind.values()),
        SupportTotal.of(
            {m.name: sum(s.figure(m.name).value for s in support.values()) for m in SupportTotal.metrics()}
        ),
        {name: Organisations.total(blocks.values()) for name, blocks in by_district.items()},
        communes=_totals(communes),
        former_provinces=_totals(former),
    )
    return YearReport(
        year=year,
        area=area,
        area_name=area_name,
        organisations=by_kind,
        ratings=ratings,
        support=support,
        new_model=recipients,
        districts=by_district,
        communes=communes,
        former_provinces=former,
        totals=totals,
        band_shares=Series(tuple(ratings.percent.items())),
        support_amounts=Series(tuple((p, s.amount_vnd) for p, s in support.items() if s.records.value)),
        period=period,
        economy=economy,
        commune_titles=titles or None,
        area_title=(
            titles.get(communes_shown.get(area_name, area_name))
            if area_name and area is not None and area.level == "commune"
            else None
        ),
    )


def _commune_titles(uow: UnitOfWork, day: date, shown: Mapping[str, str]) -> dict[str, str]:
    """The communes shown, each with its type word from the official list by the code the registry
    holds ("Bắc Kạn" -> "Phường Bắc Kạn", not the former province): for the tables people read. A
    name whose organisations hold no code, or codes of units that disagree, stays as it is."""
    from htxcli.domain.unit_matching import titled

    found: dict[str, set[str]] = {}
    for name, code in uow.reports.commune_codes(day):
        if name in shown:
            found.setdefault(shown[name], set()).add(titled(name, code, NEW_SCHEME) or name)
    return {name: next(iter(full)) for name, full in found.items() if len(full) == 1 and full != {name}}


def _with_statuses(rows: list[dict[str, Any]], statuses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The organisation rows (per place and kind, as the query that read them grouped them) with their
    status counts (every metric the status query reads): registered is active, and operating what is
    left of it once the suspended, being dissolved and revoked are set apart."""
    places = [
        key
        for key in ("district", "commune", "former_province", "commune_code")
        if statuses and key in statuses[0]
    ]

    def group(row: Mapping[str, Any]) -> tuple[Any, ...]:
        return (*(row[key] for key in places), row["kind"])

    by_group = {group(row): row for row in statuses}
    counted = [m for m in (statuses[0] if statuses else ()) if m not in places and m != "kind"]
    for row in rows:
        found = by_group.get(group(row), {})
        for metric in counted:
            row[metric] = int(found.get(metric) or 0)
        row["registered"] = row["active"]
        row["operating"] = int(row["active"]) - sum(int(row.get(m) or 0) for m in NOT_OPERATING)
    return rows


def _spellings(rows: list[dict[str, Any]], column: str) -> list[tuple[str, int]]:
    return [(row[column], row["records"]) for row in rows if row[column]]


def _totals(blocks: dict[str, dict[str, Organisations]] | None) -> dict[str, Organisations] | None:
    if blocks is None:
        return None
    return {name: Organisations.total(kinds.values()) for name, kinds in blocks.items()}


def _organisations(
    rows: list[dict[str, Any]], shown: Mapping[Any, str], column: str = "district"
) -> tuple[dict[str, Organisations], dict[str, dict[str, Organisations]]]:
    """The province's blocks by kind, and each district's (or commune's, or former province's) by
    kind, in Vietnamese order. `shown` names a row by its spelling, or for communes by (spelling,
    official code)."""
    names = [m.name for m in Organisations.metrics()]
    province = {kind: Organisations.zeros() for kind in KINDS.keys}
    districts: dict[str, dict[str, Sums]] = {}
    for row in rows:
        figures = {metric: int(row.get(metric) or 0) for metric in names}
        for metric, value in figures.items():
            province[row["kind"]][metric] += value
        if not any(figures.values()):
            continue  # e.g. founded after the year: no figure to show for this district
        place = (row[column], row.get("commune_code")) if column == "commune" else row[column]
        name = shown[place] if row[column] else NO_DISTRICT
        blocks = districts.setdefault(name, {kind: Organisations.zeros() for kind in KINDS.keys})
        for metric, value in figures.items():
            blocks[row["kind"]][metric] += value
    by_kind = {kind: Organisations.of(sums) for kind, sums in province.items()}
    by_district = {
        name: {kind: Organisations.of(sums) for kind, sums in districts[name].items()}
        for name in sorted(districts, key=sort_key)
    }
    return by_kind, by_district


def _ratings(grades: dict[str, int], not_rated: int = 0) -> Ratings:
    counts = {grade: grades.get(grade, 0) for grade in RATED_GRADES}
    bands = {band: sum(counts[g] for g in members) for band, members in BANDS.items()}
    sums = {"rated": sum(counts.values()), "unrated": grades.get("unrated", 0), "not_rated": not_rated}
    return Ratings.of(
        sums,
        grades={grade: Count(n) for grade, n in counts.items()},
        bands={band: Count(n) for band, n in bands.items()},
        percent={band: Percent(n) for band, n in largest_remainder(bands).items()},
    )


def _support(rows: list[dict[str, Any]]) -> dict[str, Support]:
    by_program = {row["program"]: row for row in rows}
    out = {}
    for program in PROGRAMS.keys:
        row = by_program.get(program)
        out[program] = Support.of(
            row or {},
            # The unit only when every record that names one names the same.
            unit=Label(row["unit"]) if row and row["units"] == 1 else None,
        )
    return out


def former_district(
    engine: Engine, years: list[int], district: str, *, period_start: tuple[int, int] | None = None
) -> str | None:
    """For --district on a period ending after the 2025 reform: where the organisations registered in
    that former district are now (how many, in which communes), and that --commune is the filter
    that follows them; None for the years before."""
    from htxcli.services.settings import period_start as stored_period_start

    with UnitOfWork(engine, read_only=True) as uow:
        start = period_start or stored_period_start(uow)
        period = Period.reporting_year(years[-1], start)
        if period.last < REFORM_DAY:
            return None
        area, name = _area(uow, district, None)
        assert area is not None and name is not None
        found = uow.reports.communes_of_district(area, period.last)
    counted = sorted(((c or messages.REPORT_NO_COMMUNE, n) for c, n in found), key=lambda cn: sort_key(cn[0]))
    communes = ", ".join(f"{c} ({n})" for c, n in counted) or "—"
    first = next((c for c, _ in found if c), None)
    if first is None:  # none moved to a commune of the new scheme: there is no --commune to name
        return messages.REPORT_FORMER_DISTRICT_UNPLACED.format(
            district=name, day=period.last.strftime("%d/%m/%Y"), count=sum(n for _, n in found)
        )
    return messages.REPORT_FORMER_DISTRICT.format(
        district=name,
        day=period.last.strftime("%d/%m/%Y"),
        count=sum(n for _, n in found),
        communes=communes,
        example=first or "…",
    )
