"""The province's yearly summary: SQL aggregates shaped into the report's JSON contract.

Definitions (also in the README):
- active at the end of YEAR: founded on or before 31 December and not dissolved by then; one
  dissolved on D is inactive from D on, so a dissolution dated 31 December is not active at year end;
- new: founded in YEAR; dissolved: dissolved in YEAR; members, capital: sums over the active;
- ratings: those recorded for YEAR; the three bands are effective (good + fair), average, weak, with
  shares of the rated count by the largest-remainder method;
- support: records dated in YEAR, per program.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from htxcli.domain import messages
from htxcli.domain.errors import InvalidValue
from htxcli.domain.places import display_names, preferred_spelling, spellings_by_key
from htxcli.domain.shares import largest_remainder
from htxcli.domain.text import fold, sort_key
from htxcli.domain.vocab import BANDS, KINDS, PROGRAMS, RATED_GRADES
from htxcli.store.aggregates import Period
from htxcli.store.uow import UnitOfWork

Report = dict[str, Any]

ORGANISATION_METRICS = ("active", "new", "dissolved", "members", "capital_vnd", "active_start")
SUPPORT_METRICS = ("organisations", "records", "quantity", "amount_vnd")
# The programme whose recipients the report names one by one.
NAMED_PROGRAM = "new-model"
NO_DISTRICT = ""


def reports(
    engine: Engine, years: list[int], *, district: str | None = None, compare: bool = False
) -> list[Report]:
    """One report per year; with compare, each carries the year before under "previous"."""
    with UnitOfWork(engine, read_only=True) as uow:
        district_name, district_key = _district(uow, district) if district else (None, None)
        built: dict[int, Report] = {}

        def year_report(year: int) -> Report:
            if year not in built:
                built[year] = _year(uow, year, district_key, district_name)
            return built[year]

        out = []
        for year in years:
            report = dict(year_report(year))
            if compare:
                report["previous"] = year_report(year - 1)
            out.append(report)
        return out


def _district(uow: UnitOfWork, name: str) -> tuple[str, str]:
    """The district named (accents and case aside), as most of its records spell it, and its key."""
    wanted = fold(name)
    known = spellings_by_key(uow.reports.district_spellings())
    if wanted in known:
        return preferred_spelling(known[wanted]), wanted
    shown = sorted((preferred_spelling(spellings) for spellings in known.values()), key=sort_key)
    names = ", ".join(shown) or "none yet"
    raise InvalidValue("district", name, messages.UNKNOWN_DISTRICT.format(districts=names))


def _year(uow: UnitOfWork, year: int, district_key: str | None, district_name: str | None) -> Report:
    period = Period(year)
    report: Report = {"year": year}
    if district_name is not None:
        report["district"] = district_name
    rows = uow.reports.organisations(period, district_key)
    # Spellings of one district ('Ba Bể', 'BA BỂ') are one district, shown as most records spell it;
    # the rows cover every organisation (the year only decides their figures), so every year of a
    # comparison or range shows the same name.
    shown = display_names((row["district"], row["records"]) for row in rows if row["district"])
    report.update(_organisations(rows, shown))
    report["ratings"] = _ratings(uow.reports.grades(period, district_key))
    report["support"] = _support(uow.reports.support(period, district_key))
    recipients = uow.reports.recipients(period, NAMED_PROGRAM, district_key)
    report["new_model"] = [{**r, "district": shown.get(r["district"], r["district"])} for r in recipients]
    # Key order: the contract's keys first, districts last as in the printed report.
    report["districts"] = report.pop("districts")
    return report


def _empty_block() -> dict[str, int]:
    return dict.fromkeys(ORGANISATION_METRICS, 0)


def _organisations(rows: list[dict[str, Any]], shown: dict[str, str]) -> Report:
    province = {kind: _empty_block() for kind in KINDS.keys}
    districts: dict[str, dict[str, dict[str, int]]] = {}
    for row in rows:
        figures = {metric: int(row[metric]) for metric in ORGANISATION_METRICS}
        for metric, value in figures.items():
            province[row["kind"]][metric] += value
        if not any(figures.values()):
            continue  # e.g. founded after the year: no figure to show for this district
        name = shown[row["district"]] if row["district"] else NO_DISTRICT
        blocks = districts.setdefault(name, {kind: _empty_block() for kind in KINDS.keys})
        for metric, value in figures.items():
            blocks[row["kind"]][metric] += value
    ordered = {name: districts[name] for name in sorted(districts, key=sort_key)}
    return {"organisations": province, "districts": ordered}


def _ratings(grades: dict[str, int]) -> Report:
    counts = {grade: grades.get(grade, 0) for grade in RATED_GRADES}
    bands = {band: sum(counts[g] for g in members) for band, members in BANDS.items()}
    return {
        "rated": sum(counts.values()),
        "unrated": grades.get("unrated", 0),
        "grades": counts,
        "bands": bands,
        "percent": largest_remainder(bands),
    }


def _support(rows: list[dict[str, Any]]) -> Report:
    by_program = {row["program"]: row for row in rows}
    out: Report = {}
    for program in PROGRAMS.keys:
        row = by_program.get(program)
        block: dict[str, Any] = {m: int(row[m]) if row else 0 for m in SUPPORT_METRICS}
        # The unit only when every record that names one names the same.
        block["unit"] = row["unit"] if row and row["units"] == 1 else None
        out[program] = block
    return out
