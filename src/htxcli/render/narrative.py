"""The report's figures as the prose of a provincial report, the way the seed (a 2018 Bắc Kạn report)
writes them: "Năm 2018, toàn tỉnh thành lập mới 29 HTX, nâng tổng số lên 149 HTX; …".

Pure: a Report (domain/report.py) in, paragraphs out, every word from domain/messages.py. Sentences
follow the data: a kind with nothing to say is left out (never "thành lập mới 0 HTX"), a band nobody
fell in is not named, a year without ratings or support says so. The percentages printed are the
model's shares (largest remainder, summing to 100), never recomputed here.

One paragraph per year asked: a range gives one per year; --compare's year before is not told. The
Word and HTML documents set it by topic, each under its numbered heading (topics(), document.overview)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from htxcli.domain import messages
from htxcli.domain.i18n import current
from htxcli.domain.report import Economy, Money, Organisations, Recipient, Report, Support, YearReport
from htxcli.domain.values import format_date
from htxcli.render.layout import area_in_text, reporting_by_kind, spending_apart, spent
from htxcli.render.plan_narrative import plan_sentences
from htxcli.render.prose import number, press_money

# A province names a handful of new-model cooperatives; the tables and the JSON hold the rest.
NAMED_AT_MOST = 50
# The programmes counted by what they produced (classes, copies) rather than by organisations.
_COUNTED_BY_QUANTITY = {
    "outreach": ("NARRATIVE_CLASSES_ONE", "NARRATIVE_CLASSES_MANY"),
    "bulletin": ("NARRATIVE_COPIES_ONE", "NARRATIVE_COPIES_MANY"),
}


def paragraphs(report: Report) -> list[str]:
    """A paragraph per year asked (not --compare's year before: the tables show it)."""
    return [paragraph(year) for year in report.years]


def paragraph(report: YearReport) -> str:
    return " ".join(s for _, topic in _topics(report) for s in topic if s)


def topics(report: Report) -> list[tuple[str, list[str]]]:
    """The narrative as the documents set it, part by part under each part's heading (its message):
    the organisations, the support, their business results, the plan; in each a paragraph per year
    asked that has something to say of it. A part no year speaks of is left out (a registry without
    a plan has no "Kết quả thực hiện kế hoạch"), so the documents number only the parts there are."""
    parts: dict[str, list[str]] = {}
    for year in report.years:
        for heading, sentences in _topics(year, named=len(report.years) > 1):
            if any(sentences):
                parts.setdefault(heading, []).append(" ".join(filter(None, sentences)))
    return list(parts.items())


def _topics(report: YearReport, *, named: bool = False) -> list[tuple[str, list[str]]]:
    """The year's sentences by topic; `named`, a topic's paragraph names its year (a range's years
    side by side under one heading: "Năm 2017, tỉnh đã hỗ trợ …", not "Trong năm, …")."""
    return [
        (
            messages.DOCUMENT_PART_ORGANISATIONS,
            [_organisations(report), _statuses(report), _ratings(report)],
        ),
        (messages.DOCUMENT_PART_SUPPORT, _support(report, named=named)),
        (messages.DOCUMENT_PART_ECONOMY, _economy(report)),
        (messages.DOCUMENT_PART_PLAN, plan_sentences(report)),
    ]


# --- words in prose ---------------------------------------------------------------------------


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
    return messages.NARRATIVE_SCOPE_DISTRICT.format(district=area_in_text(report))


def _organisations(report: YearReport) -> str:
    before = report.previous.organisations if report.previous is not None else {}
    clauses = [
        c
        for kind, block in report.organisations.items()
        if (c := _kind_clause(kind, block, before.get(kind), report.year - 1))
    ]
    if not clauses:
        return messages.NARRATIVE_NOTHING.format(year=report.year, scope=_scope(report))
    if report.as_of is not None:  # "6 tháng đầu năm 2026, toàn tỉnh thành lập mới …"
        from htxcli.render.layout import part_of_year

        said = messages.NARRATIVE_OPENING_PART.format(
            period=part_of_year(report),
            scope=_scope(report),
            clauses=_series(clauses, messages.NARRATIVE_CLAUSES),
        )
        return said[:1].upper() + said[1:]
    return messages.NARRATIVE_OPENING.format(
        year=report.year, scope=_scope(report), clauses=_series(clauses, messages.NARRATIVE_CLAUSES)
    )


_STATUS_CLAUSES = (
    ("suspended", "NARRATIVE_SUSPENDED"),
    ("being_dissolved", "NARRATIVE_BEING_DISSOLVED"),
    ("revoked", "NARRATIVE_REVOKED"),
)


def _statuses(report: YearReport) -> str:
    """The registered organisations not operating on the period's last day, by legal status (as
    Biểu "Tình trạng pháp lý" counts them); silent when every one is operating."""
    clauses = []
    for metric, message in _STATUS_CLAUSES:
        kinds = [
            _of_kind(kind, count)
            for kind, block in report.organisations.items()
            if (count := getattr(block, metric).value)
        ]
        if kinds:
            counted = _series(kinds, messages.NARRATIVE_AND)
            clauses.append(getattr(messages, message).format(count=counted))
    if not clauses:
        return ""
    return messages.NARRATIVE_STATUSES.format(clauses=_series(clauses, messages.NARRATIVE_CLAUSES))


def _kind_clause(
    kind: str, block: Organisations, then: Organisations | None = None, year: int = 0
) -> str | None:
    """What happened to one kind: founded, dissolved and bankrupt (those that happened; a bankruptcy
    is no dissolution), then where that left the total, against the year before with --compare
    (`then`, of `year`: "nâng tổng số lên 12 HTX, tăng 4 HTX so với năm 2025"); a kind that only
    exists says how many; a kind with nothing at all is silent."""
    said = _kind_changes(kind, block)
    if said is None or then is None:
        return said
    now, before = block.active.value, then.active.value
    if now == before:
        return messages.NARRATIVE_AS_IN.format(clause=said, year=year)
    pattern = messages.NARRATIVE_MORE_THAN if now > before else messages.NARRATIVE_FEWER_THAN
    return pattern.format(clause=said, count=_of_kind(kind, abs(now - before)), year=year)


def _kind_changes(kind: str, block: Organisations) -> str | None:
    new, active, start = block.new.value, block.active.value, block.active_start.value
    endings = (
        (block.dissolutions, messages.NARRATIVE_DISSOLVED),
        (block.bankrupt, messages.NARRATIVE_BANKRUPT),
    )
    ended = [said.format(count=_of_kind(kind, count.value)) for count, said in endings if count.value]
    founded = messages.NARRATIVE_FOUNDED.format(count=_of_kind(kind, new)) if new else None
    if not founded and not ended:
        return messages.NARRATIVE_ACTIVE.format(count=_of_kind(kind, active)) if active else None
    gone = _series(ended, messages.NARRATIVE_ENDINGS) if ended else None
    said = messages.NARRATIVE_BOTH.format(founded=founded, dissolved=gone) if founded and gone else founded
    said = said or gone or ""
    if active == 0:
        return messages.NARRATIVE_TOTAL_NONE.format(changes=said, none=messages.NARRATIVE_KIND_NONE[kind])
    if start == 0:
        pattern = messages.NARRATIVE_TOTAL_FIRST
    elif active > start:
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
        " " + messages.NARRATIVE_NOT_RATED.format(year=report.year, count=_of_kind("cooperative", waiting))
        if waiting
        else ""
    )
    if not rated:
        if unrated:
            return messages.NARRATIVE_ONLY_UNRATED.format(year=report.year, count=number(unrated)) + pending
        # Nothing rated and some waiting: the waiting say it ("no result yet: 8"), not twice.
        return pending.strip() or messages.NARRATIVE_NO_RATINGS.format(year=report.year)
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


def _support(report: YearReport, *, named: bool = False) -> list[str]:
    # The programmes, the new model's cooperatives by name, the total; loans beside spending are said
    # after the spending's total ("Ngoài ra, hỗ trợ 2 HTX vay vốn …"), as Biểu 4 lists them after its
    # sum: a loan is lent, not spent.
    apart = spending_apart(report)
    # One new-model cooperative named within its clause ("hỗ trợ 1 HTX (HTX Dược liệu Bằng Thành, xã
    # Bằng Thành) xây dựng mô hình …"), not again in a sentence of its own; several in their sentence.
    counted = report.support.get("new-model")
    alone = len(report.new_model) == 1 and counted is not None and counted.organisations.value == 1
    one = _recipients_named(report) if alone else None
    clauses = [
        _program_clause(program, figures, named=one if program == "new-model" else None)
        for program, figures in report.support.items()
        if figures.records.value and not (apart and program == "credit")
    ]
    if not clauses:
        return [messages.REPORT_NO_SUPPORT.format(year=report.year)]
    joined = _series(clauses, messages.NARRATIVE_CLAUSES)
    # With --as-of, the support so far: "Từ đầu kỳ báo cáo đến ngày 30/06/2026, tỉnh đã …".
    day = format_date(report.as_of) if report.as_of is not None else None
    if report.area_name is None:
        pattern = messages.NARRATIVE_SUPPORT_IN if named else messages.NARRATIVE_SUPPORT
        pattern = pattern if day is None else messages.NARRATIVE_SUPPORT_SO_FAR
        sentences = [pattern.format(clauses=joined, day=day, year=report.year)]
    else:
        pattern = messages.NARRATIVE_SUPPORT_DISTRICT_IN if named else messages.NARRATIVE_SUPPORT_DISTRICT
        pattern = pattern if day is None else messages.NARRATIVE_SUPPORT_DISTRICT_SO_FAR
        sentences = [pattern.format(district=area_in_text(report), clauses=joined, day=day, year=report.year)]
    # The new model's cooperatives named next to the programmes, before the totals: after the loans
    # they read as the loans' ("… vay vốn …. HTX được hỗ trợ xây dựng mô hình HTX kiểu mới là …").
    if one is None:
        sentences += _new_model(report)
    # Loans are lent, not spent: the total is of the other programmes, loans not counted.
    spending = [p for p, s in report.support.items() if s.amount_vnd.value and p != "credit"]
    if len(spending) > 1:  # one program's amount is already in its clause
        total = press_money(spent(report))
        lending = (messages.NARRATIVE_SUPPORT_TOTAL_LENT, messages.NARRATIVE_SUPPORT_TOTAL_LENT_SO_FAR)
        plain = (messages.NARRATIVE_SUPPORT_TOTAL, messages.NARRATIVE_SUPPORT_TOTAL_SO_FAR)
        pattern = (lending if apart else plain)[day is not None]
        sentences.append(pattern.format(amount=total, day=day))
    if apart:
        sentences.append(
            messages.NARRATIVE_LOANS_BESIDE.format(clause=_program_clause("credit", report.support["credit"]))
        )
    return sentences


def _program_clause(program: str, figures: Support, *, named: str | None = None) -> str:
    clause = _program_action(program, figures, named=named)
    amount = figures.amount_vnd.value
    if not amount:
        return clause
    pattern = messages.NARRATIVE_DISBURSED if program == "credit" else messages.NARRATIVE_COSTING
    return pattern.format(clause=clause, amount=press_money(amount))


def _program_action(program: str, figures: Support, *, named: str | None = None) -> str:
    """The programme's own sentence with its main figure (classes, copies or organisations), and the
    one organisation `named` after its count; when that figure is 0 (no quantity recorded, or
    province-wide records naming nobody), its records instead."""
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
        counted = _of_kind("cooperative", figures.organisations.value)
        if named is not None and figures.organisations.value == 1:
            counted = messages.NARRATIVE_COUNT_NAMED.format(count=counted, name=named)
        return template.format(organisations=counted)
    records = _counted(figures.records.value, messages.NARRATIVE_RECORDS_ONE, messages.NARRATIVE_RECORDS_MANY)
    return messages.NARRATIVE_PROGRAM_RECORDS.format(
        records=records, program=messages.NARRATIVE_PROGRAM_NAMES[program]
    )


def _new_model(report: YearReport) -> list[str]:
    """The sentence naming the new model's cooperatives (more than one: one is named in its clause)."""
    if not report.new_model:
        return []
    pattern = (
        messages.NARRATIVE_NEW_MODEL_ONE if len(report.new_model) == 1 else messages.NARRATIVE_NEW_MODEL_MANY
    )
    return [pattern.format(names=_recipients_named(report))]


def _recipients_named(report: YearReport) -> str:
    """The new model's cooperatives by name, each with where it is: "HTX Dược liệu Bằng Thành, xã Bằng
    Thành"; a few, then how many more."""
    recipients = report.new_model
    titles = report.commune_titles or {}

    def place(r: Recipient) -> str | None:
        """Where it is on the period's last day: from 2025, its commune in force, its type word lower
        case within a sentence ("…, xã Bằng Thành")."""
        if titled := titles.get(r.commune or "", r.commune):
            return titled if titled == r.commune or current() != "vi" else titled[:1].lower() + titled[1:]
        # Before it, its district; after it, an address never moved is no longer in force: none.
        return r.district if report.communes is None else None

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
    return listed


def _economy(report: YearReport) -> list[str]:
    """What the organisations achieved, as the press writes it: how many reported ("112/149 HTX đã báo
    cáo số liệu"), then the cooperatives' average revenue and profit per cooperative, a worker's
    average income per year (with --compare, each against the year before), and those that apply high
    technology, work in a value chain, and their OCOP products. A registry without figures says
    nothing; a year without any says so."""
    from htxcli.domain.vocab import KIND_ABBREVIATIONS

    economy = report.economy
    if economy is None:
        return []
    if not economy.totals.reporting.value:
        return [messages.REPORT_NO_FIGURES.format(year=report.year)]
    counts = reporting_by_kind(economy, number, all_active=False)
    sentences = [messages.NARRATIVE_ECONOMY_REPORTED.format(counts=", ".join(counts), year=report.year)]
    coop = economy.kinds["cooperative"]
    if not coop.reporting.value:
        return sentences
    before = (
        report.previous.economy.kinds["cooperative"] if report.previous and report.previous.economy else None
    )
    kind = KIND_ABBREVIATIONS["cooperative"]
    clauses = []
    for name, pattern in (
        ("revenue_vnd", messages.NARRATIVE_REVENUE),
        ("profit_vnd", messages.NARRATIVE_PROFIT),
        ("income_vnd_per_year", messages.NARRATIVE_INCOME),
    ):
        average = coop.average(name)
        if not isinstance(average, Money):
            continue
        clause = pattern.format(amount=press_money(average.value), kind=kind)
        clause = _against(clause, average.value, before, name, report.year - 1)
        given = coop.figure(f"{name}_given").value  # its own base: "6/12 HTX đã báo cáo" is everything's
        if given != coop.reporting.value:
            clause = messages.NARRATIVE_BASIS.format(clause=clause, count=_of_kind("cooperative", given))
        clauses.append(clause)
    for name, pattern in (
        ("high_tech", messages.NARRATIVE_HIGH_TECH),
        ("value_chain", messages.NARRATIVE_VALUE_CHAIN),
    ):
        count = coop.figure(name).value
        if count:
            clauses.append(pattern.format(count=_of_kind("cooperative", count)))
    ocop = _ocop(coop)
    if ocop:
        clauses.append(ocop)
    if clauses:
        said = _series(clauses, messages.NARRATIVE_CLAUSES)
        sentences.append(said[:1].upper() + said[1:] + ".")
    return sentences


def _against(clause: str, now: int, before: Economy | None, name: str, year: int) -> str:
    """The clause with its change against the year before, in percent (one decimal, half up)."""
    then = before.average(name) if before is not None else None
    if not isinstance(then, Money) or not then.value or then.value == now:
        return clause
    percent = (Decimal(abs(now - then.value)) * 100 / Decimal(then.value)).quantize(
        Decimal("0.1"), ROUND_HALF_UP
    )
    shown = f"{percent:f}".replace(".", "," if current() == "vi" else ".") + "%"
    pattern = messages.NARRATIVE_UP_ON if now > then.value else messages.NARRATIVE_DOWN_ON
    return pattern.format(clause=clause, percent=shown, year=year)


def _ocop(block: Economy) -> str | None:
    stars = [(n, block.figure(f"ocop_{n}").value) for n in (3, 4, 5)]
    total = sum(count for _, count in stars)
    if not total:
        return None
    ranked = [(n, count) for n, count in stars if count]
    if len(ranked) == 1:
        return messages.NARRATIVE_OCOP_ONE_RANK.format(count=number(total), stars=ranked[0][0])
    parts = [messages.NARRATIVE_OCOP_STARS.format(count=number(count), stars=n) for n, count in ranked]
    return messages.NARRATIVE_OCOP.format(count=number(total), stars=", ".join(parts))
