"""The report's figures as the prose of a provincial report, the way the seed (a 2018 Bắc Kạn report)
writes them: "Năm 2018, toàn tỉnh thành lập mới 29 HTX, nâng tổng số lên 149 HTX; …".

Pure: a Report (domain/report.py) in, paragraphs out, every word from domain/messages.py. Sentences
follow the data: a kind with nothing to say is left out (never "thành lập mới 0 HTX"), a band nobody
fell in is not named, a year without ratings or support says so. The percentages printed are the
model's shares (largest remainder, summing to 100), never recomputed here.

One paragraph per year shown: a range gives one per year, --compare the year before first.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from htxcli.domain import messages
from htxcli.domain.i18n import current
from htxcli.domain.report import Organisations, Recipient, Report, Support, YearReport
from htxcli.domain.values import format_count

# A province names a handful of new-model cooperatives; the tables and the JSON hold the rest.
NAMED_AT_MOST = 50
# The programmes counted by what they produced (classes, copies) rather than by organisations.
_COUNTED_BY_QUANTITY = {
    "outreach": ("NARRATIVE_CLASSES_ONE", "NARRATIVE_CLASSES_MANY"),
    "bulletin": ("NARRATIVE_COPIES_ONE", "NARRATIVE_COPIES_MANY"),
}
_BILLION = 1_000_000_000
_MILLION = 1_000_000


def paragraphs(report: Report) -> list[str]:
    """One paragraph per year shown, in the order of the report's columns."""
    return [paragraph(year) for year in report.columns]


def paragraph(report: YearReport) -> str:
    sentences = [_organisations(report), _ratings(report), *_support(report), *_new_model(report)]
    return " ".join(s for s in sentences if s)


# --- numbers in prose -------------------------------------------------------------------------


def number(value: int) -> str:
    """A whole number as the language writes it: 1.200 in Vietnamese, 1,200 in English."""
    return format_count(value) if current() == "vi" else f"{value:,}"


def press_money(amount: int) -> str:
    """đồng as the press writes them: 1,62 tỷ đồng; 350 triệu đồng; 20.000 đồng (three decimals at most,
    half up, trailing zeros dropped). English: 1.62 billion đồng."""
    if amount >= _BILLION:
        return messages.MONEY_BILLIONS.format(amount=_decimal(amount, _BILLION))
    if amount >= _MILLION:
        return messages.MONEY_MILLIONS.format(amount=_decimal(amount, _MILLION))
    return messages.MONEY_DONG.format(amount=number(amount))


def _decimal(amount: int, unit: int) -> str:
    value = (Decimal(amount) / unit).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP).normalize()
    whole, _, fraction = f"{value:f}".partition(".")
    whole = number(int(whole))
    if not fraction:
        return whole
    return whole + ("," if current() == "vi" else ".") + fraction


def _counted(count: int, one: str, many: str) -> str:
    return (one if count == 1 else many).format(count=number(count))


def _of_kind(kind: str, count: int) -> str:
    return _counted(count, messages.NARRATIVE_KIND_ONE[kind], messages.NARRATIVE_KIND_MANY[kind])


def _percent(value: int) -> str:
    return f"{value}%"


def _series(items: list[str], pair: str) -> str:
    """a; b; c joined by the language's pattern for a list of clauses."""
    out = items[0]
    for item in items[1:]:
        out = pair.format(first=out, second=item)
    return out


# --- the sentences ----------------------------------------------------------------------------


def _scope(report: YearReport) -> str:
    if report.area_name is None:
        return messages.NARRATIVE_SCOPE_PROVINCE
    return messages.NARRATIVE_SCOPE_DISTRICT.format(district=report.area_name)


def _organisations(report: YearReport) -> str:
    clauses = [c for kind, block in report.organisations.items() if (c := _kind_clause(kind, block))]
    if not clauses:
        return messages.NARRATIVE_NOTHING.format(year=report.year, scope=_scope(report))
    return messages.NARRATIVE_OPENING.format(
        year=report.year, scope=_scope(report), clauses=_series(clauses, messages.NARRATIVE_CLAUSES)
    )


def _kind_clause(kind: str, block: Organisations) -> str | None:
    """What happened to one kind: founded and dissolved (those that happened), then where that left
    the total; a kind that only exists says how many; a kind with nothing at all is silent."""
    new, dissolved, active, start = (
        block.new.value,
        block.dissolved.value,
        block.active.value,
        block.active_start.value,
    )
    changes = [
        messages.NARRATIVE_FOUNDED.format(count=_of_kind(kind, new)) if new else None,
        messages.NARRATIVE_DISSOLVED.format(count=_of_kind(kind, dissolved)) if dissolved else None,
    ]
    happened = [c for c in changes if c]
    if not happened:
        return messages.NARRATIVE_ACTIVE.format(count=_of_kind(kind, active)) if active else None
    said = (
        happened[0]
        if len(happened) == 1
        else messages.NARRATIVE_BOTH.format(founded=happened[0], dissolved=happened[1])
    )
    if active == 0:
        return messages.NARRATIVE_TOTAL_NONE.format(changes=said, none=messages.NARRATIVE_KIND_NONE[kind])
    if active > start:
        pattern = messages.NARRATIVE_TOTAL_UP
    elif active < start:
        pattern = messages.NARRATIVE_TOTAL_DOWN
    else:
        pattern = messages.NARRATIVE_TOTAL_SAME
    return pattern.format(changes=said, count=_of_kind(kind, active))


def _ratings(report: YearReport) -> str:
    ratings = report.ratings
    rated, unrated = ratings.rated.value, ratings.unrated.value
    # Those with no rating record yet, said after what was rated (not counted in its shares).
    waiting = ratings.not_rated.value
    pending = (
        " " + messages.NARRATIVE_NOT_RATED.format(count=_of_kind("cooperative", waiting)) if waiting else ""
    )
    if not rated:
        if unrated:
            return messages.NARRATIVE_ONLY_UNRATED.format(year=report.year, count=number(unrated)) + pending
        return messages.NARRATIVE_NO_RATINGS.format(year=report.year) + pending
    bands = [
        messages.NARRATIVE_BANDS[band].format(
            count=_of_kind("cooperative", ratings.bands[band].value), percent=_percent(share.value)
        )
        for band, share in report.band_shares.points
        # A band nobody fell in has 0%: silent, and the printed shares still sum to 100.
        if ratings.bands[band].value
    ]
    said = messages.NARRATIVE_RATINGS.format(
        rated=_of_kind("cooperative", rated), bands=_series(bands, messages.NARRATIVE_CLAUSES)
    )
    if unrated:
        said += " " + messages.NARRATIVE_ALSO_UNRATED.format(count=_of_kind("cooperative", unrated))
    return said + pending


def _support(report: YearReport) -> list[str]:
    clauses = [
        _program_clause(program, figures)
        for program, figures in report.support.items()
        if figures.records.value
    ]
    if not clauses:
        return [messages.REPORT_NO_SUPPORT.format(year=report.year)]
    joined = _series(clauses, messages.NARRATIVE_CLAUSES)
    if report.area_name is None:
        sentences = [messages.NARRATIVE_SUPPORT.format(clauses=joined)]
    else:
        sentences = [messages.NARRATIVE_SUPPORT_DISTRICT.format(district=report.area_name, clauses=joined)]
    with_money = [s for s in report.support.values() if s.amount_vnd.value]
    if len(with_money) > 1:  # one program's amount is already in its clause
        total = report.totals.support.amount_vnd.value
        sentences.append(messages.NARRATIVE_SUPPORT_TOTAL.format(amount=press_money(total)))
    return sentences


def _program_clause(program: str, figures: Support) -> str:
    clause = _program_action(program, figures)
    amount = figures.amount_vnd.value
    if not amount:
        return clause
    pattern = messages.NARRATIVE_DISBURSED if program == "credit" else messages.NARRATIVE_COSTING
    return pattern.format(clause=clause, amount=press_money(amount))


def _program_action(program: str, figures: Support) -> str:
    """The programme's own sentence with its main figure (classes, copies or organisations); when that
    figure is 0 (no quantity recorded, or province-wide records naming nobody), its records instead."""
    template = messages.NARRATIVE_PROGRAMS[program]
    if program in _COUNTED_BY_QUANTITY:
        quantity = figures.quantity.value
        if quantity:
            if figures.unit is not None:
                said = messages.NARRATIVE_QUANTITY.format(count=number(quantity), unit=figures.unit.text)
            else:
                one, many = (getattr(messages, name) for name in _COUNTED_BY_QUANTITY[program])
                said = _counted(quantity, one, many)
            return template.format(quantity=said)
    elif figures.organisations.value:
        return template.format(organisations=_of_kind("cooperative", figures.organisations.value))
    records = _counted(figures.records.value, messages.NARRATIVE_RECORDS_ONE, messages.NARRATIVE_RECORDS_MANY)
    return messages.NARRATIVE_PROGRAM_RECORDS.format(
        records=records, program=messages.NARRATIVE_PROGRAM_NAMES[program]
    )


def _new_model(report: YearReport) -> list[str]:
    recipients = report.new_model
    if not recipients:
        return []
    titles = report.commune_titles or {}

    def place(r: Recipient) -> str | None:
        """Where it is on the period's last day: from 2025, its commune (with its type word) in force."""
        if r.commune:
            return titles.get(r.commune, r.commune)
        return r.district

    names = [
        messages.NARRATIVE_NAMED_IN.format(name=r.name, district=where) if (where := place(r)) else r.name
        for r in recipients[:NAMED_AT_MOST]
    ]
    if len(recipients) > NAMED_AT_MOST:
        listed = messages.NARRATIVE_MORE_NAMES.format(
            names=_series(names, messages.NARRATIVE_NAMES), count=number(len(recipients) - NAMED_AT_MOST)
        )
    elif len(names) > 1:
        listed = messages.NARRATIVE_LAST_NAME.format(
            rest=_series(names[:-1], messages.NARRATIVE_NAMES), last=names[-1]
        )
    else:
        listed = names[0]
    pattern = messages.NARRATIVE_NEW_MODEL_ONE if len(recipients) == 1 else messages.NARRATIVE_NEW_MODEL_MANY
    return [pattern.format(names=listed)]
