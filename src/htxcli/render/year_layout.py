"""One year laid out like the printed report: the organisations by kind, their legal status, the
ratings, the support by program, the new-model cooperatives, the districts, and from the 2025 reform on
the communes and former provinces. Each table's figures are the metrics declared for it in
domain/report.py, in their declared order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from htxcli.domain import messages
from htxcli.domain.figures import OCOP_FIGURES
from htxcli.domain.report import (
    ECONOMY,
    ECONOMY_FLAGS,
    FLOW,
    ORGANISATIONS,
    STATUS,
    SUPPORT,
    Label,
    Metric,
    Organisations,
    Percent,
    Support,
    SupportTotal,
    YearReport,
)
from htxcli.domain.report import (
    Block as Figures,
)
from htxcli.domain.values import format_count
from htxcli.domain.vocab import BAND_LABELS, GRADES, KINDS, PROGRAMS
from htxcli.render.layout import (
    Block,
    Cell,
    at_end,
    at_start,
    beneath,
    capital_not_given,
    counts_by_kind,
    has_statuses,
    reported,
    reporting_by_kind,
    shown,
    spending,
    spending_apart,
    support_label,
)
from htxcli.render.place_layout import economy_place_blocks, place_blocks
from htxcli.render.plan_layout import plan_blocks

# A province names a handful of new-model cooperatives; a longer list belongs in the JSON or CSV.
NAMED_AT_MOST = 50
# Where the organisations table puts the count at the start (with `previous`) and the change: after the
# flows of the year (the bankruptcies shown only when there are any), before the members and capital.
_CHANGE_AFTER = ("dissolutions", "bankrupt")
# Where the support table puts the unit of its quantities: beside them.
_UNIT_AFTER = ("quantity",)


def year_blocks(report: YearReport, *, previous: bool = False) -> list[Block]:
    """The printed report's tables. With `previous`, the summary shows the count at the end of the
    year before beside its change (the workbook's appendix has the room; a terminal has not)."""
    year = report.year
    return [
        _organisation_block(report, year, previous=previous),
        *_status_block(report, year),
        _rating_block(report, year),
        _support_block(report, year),
        *_new_model_block(report, year),
        *place_blocks(report),
        *economy_blocks(report, year),
        *plan_blocks(report),
    ]


# --- what the organisations achieved (their yearly figures, revision 0007) -----------------------


def economy_blocks(report: YearReport, year: int) -> list[Block]:
    """The economy of the year, over the kinds: a line per figure with its total, its average per
    organisation that gave it, and how many did; the yes/no figures counted; then the averages by place
    (district; from the 2025 reform on, commune and former province), as the report's other blocks
    group them. A registry without figures has none of these; a year without any says so in a line."""
    economy = report.economy
    if economy is None:
        return []
    totals = economy.totals
    block = Block(
        messages.REPORT_ECONOMY.format(year=year),
        [
            messages.REPORT_FIGURES,
            messages.REPORT_TOTAL,
            messages.REPORT_ECONOMY_AVERAGE,
            messages.REPORT_ECONOMY_GIVEN,
        ],
        numeric=frozenset({1, 2, 3}),
        sheet=messages.SHEET_ECONOMY,
        by_line=True,
    )
    if not totals.reporting.value:
        block.caption = messages.REPORT_NO_FIGURES.format(year=year) + _ended(economy.ended)
        return [block]
    # A figure no organisation gave is left out, not a line of blanks over "0" (the caption says
    # how many reported; a capital "0" beside Biểu 1's registered capital read as a contradiction).
    for m in (m for m in totals.metrics(ECONOMY) if totals.figure(f"{m.name}_given").value):
        total = None if m.name == "income_vnd_per_year" else totals.total_of(m.name)
        named = messages.REPORT_ECONOMY_INCOME_ROW if m.name == "income_vnd_per_year" else m.label()
        # A count of products has no average per organisation ("1 sản phẩm OCOP" is not "1,0 each").
        average = None if m.name in OCOP_FIGURES else totals.average(m.name)
        block.rows.append([Label(named), total, average, totals.figure(f"{m.name}_given")])
    for m in (m for m in totals.metrics(ECONOMY_FLAGS) if totals.figure(f"{m.name}_given").value):
        # How many answered yes, and how many answered: blank when nobody did (not reported is not
        # none). A report issued before answers were counted shows its count as it was.
        answered = totals.given(m.name)
        said = totals.figure(m.name) if answered or totals.figure(m.name).value else None
        block.rows.append([Label(m.label()), said, None, totals.figure(f"{m.name}_given")])
    block.caption = economy_caption(report, year)
    return [block, *economy_place_blocks(report, year)]


def economy_caption(report: YearReport, year: int) -> str:
    """The note under the economy's table (a comparison's too, of its last year): how many of the
    registered organisations reported the year's figures, of each kind, and what the income's average
    is taken over: "6/13 tổ chức hiện có (còn đăng ký) đã báo cáo số liệu năm 2026 (6/12 HTX, 0/1
    THT). Thu nhập bình quân tính theo …"."""
    economy = report.economy
    assert economy is not None
    totals = economy.totals
    # With more than one kind registered, each kind's count too: the narrative's "6/12 HTX" is then
    # read within the table's "6/13 tổ chức", not against it.
    kinds = reporting_by_kind(economy, format_count, all_active=True)
    caption = (
        messages.REPORT_ECONOMY_CAPTION_KINDS if len(kinds) > 1 else messages.REPORT_ECONOMY_CAPTION
    ).format(
        reporting=format_count(totals.reporting.value),
        active=format_count(totals.active.value),
        year=year,
        kinds=", ".join(kinds),
    )
    basis = totals.income_basis
    if basis is not None:
        caption += " " + (
            messages.REPORT_ECONOMY_BY_WORKERS
            if basis == "workers"
            else messages.REPORT_ECONOMY_BY_ORGANISATIONS
        )
    return caption + _ended(economy.ended)


def _ended(count: int) -> str:
    """The note on the organisations ended within the period that reported figures, which the table
    leaves out (it counts those active at the end); "" without any."""
    return " " + messages.REPORT_ECONOMY_ENDED.format(count=format_count(count)) if count else ""


def _split(metrics: Sequence[Metric], after: tuple[str, ...]) -> tuple[list[Metric], list[Metric]]:
    """The metrics up to the last of `after` shown, and the rest."""
    names = [m.name for m in metrics]
    at = max((names.index(name) + 1 for name in after if name in names), default=len(names))
    return list(metrics[:at]), list(metrics[at:])


def _organisation_block(report: YearReport, year: int, *, previous: bool = False) -> Block:
    totals = report.totals.organisations
    flows, stocks = _split(shown([totals], ORGANISATIONS), _CHANGE_AFTER)
    headers = [
        messages.HEADERS["kind"],
        *(m.label() for m in flows),
        *([at_start(report)] if previous else []),
        messages.REPORT_CHANGE.format(year=year - 1),
        *(m.label() for m in stocks),
    ]
    block = Block(
        at_end(report, messages.REPORT_ORGANISATIONS, messages.REPORT_ORGANISATIONS_ON),
        headers,
        numeric=frozenset(range(1, len(headers))),
        total=True,
        sheet=messages.SHEET_SUMMARY,
    )

    def cells(figures: Organisations) -> list[Cell]:
        before: list[Cell] = [figures.active_start] if previous else []
        return [
            *(figures.figure(m.name) for m in flows),
            *before,
            figures.change,
            *(reported(figures, m.name) for m in stocks),
        ]

    for kind, figures in report.organisations.items():
        block.rows.append([Label(KINDS.label(kind)), *cells(figures)])
    block.rows.append([Label(messages.REPORT_TOTAL), *cells(totals)])
    if any(m.name == "capital_vnd" for m in stocks):
        block.caption = capital_not_given(report.organisations.values())
    return block


def _by_kind_block(
    title: str, sheet: str, by_kind: Mapping[str, Figures], total: Figures, table: str, leave: str = ""
) -> Block:
    """A row per kind and a total row, a column per metric of `table` (but those of `leave`)."""
    metrics = [m for m in shown([total], table) if leave not in m.tables]
    block = Block(
        title,
        [messages.HEADERS["kind"], *(m.label() for m in metrics)],
        numeric=frozenset(range(1, len(metrics) + 1)),
        total=True,
        sheet=sheet,
    )
    for kind, figures in by_kind.items():
        block.rows.append([Label(KINDS.label(kind)), *(figures.figure(m.name) for m in metrics)])
    block.rows.append([Label(messages.REPORT_TOTAL), *(total.figure(m.name) for m in metrics)])
    return block


def _status_block(report: YearReport, year: int) -> list[Block]:
    """Registered organisations by legal status on the period's last day: the columns are stocks
    (operating, suspended, being dissolved, revoked add up to registered). The flows of the period
    (those resumed) are no column beside them, where a row would not add up, but a note beneath."""
    totals = report.totals.organisations
    if not has_statuses([totals]):
        return []
    title = at_end(report, messages.REPORT_STATUS, messages.REPORT_STATUS_ON)
    block = _by_kind_block(title, messages.SHEET_STATUS, report.organisations, totals, STATUS, FLOW)
    notes = []
    for m in shown([totals], FLOW):
        if counted := counts_by_kind(report, m.name):
            notes.append(messages.REPORT_FLOW_NOTE.format(metric=m.label(), counts=counted))
    # A revoked certificate leaves the organisation registered until it is dissolved (Decree 92/2024
    # Art. 27): counted among the registered, which the note says so that the two words agree.
    if revoked := counts_by_kind(report, "revoked"):
        notes.append(messages.REPORT_REVOKED_NOTE.format(counts=revoked))
    block.caption = " ".join(notes) or None
    return [block]


def rated_caption(report: YearReport) -> str:
    """How many were rated; graded "unrated" and with no result for the year, each only when any."""
    ratings = report.ratings
    rated, unrated, waiting = (
        format_count(r.value) for r in (ratings.rated, ratings.unrated, ratings.not_rated)
    )
    said = (
        messages.REPORT_RATED_UNRATED.format(rated=rated, unrated=unrated)
        if ratings.unrated.value
        else messages.REPORT_RATED.format(rated=rated)
    )
    if ratings.not_rated.value:
        said += ". " + messages.REPORT_NOT_RATED.format(year=report.year, count=waiting) + "."
    return said


def _rating_block(report: YearReport, year: int) -> Block:
    ratings = report.ratings
    block = Block(
        messages.REPORT_RATINGS.format(year=year),
        [messages.REPORT_BAND, messages.REPORT_COUNT, messages.REPORT_SHARE, ""],
        numeric=frozenset({1, 2}),
        caption=rated_caption(report),
        chart=3,
        sheet=messages.SHEET_RATINGS,
    )
    for band, share in report.band_shares.points:
        block.rows.append([Label(BAND_LABELS[band]), ratings.bands[band], share, share])
        if band == "effective":  # its two grades beneath it, as the printed report lists them
            for grade in ("good", "fair"):
                block.rows.append([beneath(GRADES.label(grade)), ratings.grades[grade], None, None])
    if ratings.rated.value:  # the bands add up to those rated, their shares to 100%
        block.rows.append([Label(messages.REPORT_TOTAL), ratings.rated, Percent(100), None])
        block.total = True
    return block


def _support_block(report: YearReport, year: int) -> Block:
    programs = list(report.support.values())
    before, after = _split(shown(programs, SUPPORT), _UNIT_AFTER)
    headers = [
        messages.HEADERS["program"],
        *(m.label() for m in before),
        messages.HEADERS["unit"],
        *(m.label() for m in after),
    ]
    unit_column = len(before) + 1
    block = Block(
        messages.REPORT_SUPPORT.format(year=year),
        headers,
        numeric=frozenset(range(1, len(headers))) - {unit_column},
        total=True,
        sheet=messages.SHEET_SUPPORT,
        wrap=frozenset({0, unit_column}),  # a unit of words ("giấy chứng nhận") wraps as a name does
    )

    def line(label: str, figures: Support) -> list[Cell]:
        return [
            Label(label),
            *(reported(figures, m.name) for m in before),
            figures.unit,
            *(reported(figures, m.name) for m in after),
        ]

    # A loan is lent, not spent: beside spending, the programmes' spending is summed apart, the loans
    # after it ("Tín dụng (giải ngân cho vay)"), then the whole.
    apart = spending_apart(report)
    credit = report.support.get("credit")
    for program, figures in report.support.items():
        if figures.records.value and not (apart and program == "credit"):
            block.rows.append(line(PROGRAMS.label(program), figures))
    if apart and credit is not None:
        block.subtotals = frozenset({len(block.rows)})
        block.rows.append(
            [
                Label(messages.REPORT_SUPPORT_SPENT),
                *_summed(spending(report), before),
                None,
                *_summed(spending(report), after),
            ]
        )
        block.rows.append(line(support_label("credit"), credit))
    if not block.rows:
        block.caption = messages.REPORT_NO_SUPPORT.format(year=year)
        block.total = False
        return block
    total_label = messages.REPORT_TOTAL_WITH_LOANS if apart else messages.REPORT_TOTAL
    total = report.totals.support
    block.rows.append([Label(total_label), *_summed(total, before), None, *_summed(total, after)])
    return block


def _summed(total: SupportTotal, metrics: list[Metric]) -> list[Cell]:
    """A support total's cells: it adds up some metrics only (SupportTotal's), the others' stay empty."""
    summed = {m.name for m in SupportTotal.metrics()}
    return [total.figure(m.name) if m.name in summed else None for m in metrics]


def _new_model_block(report: YearReport, year: int) -> list[Block]:
    recipients = report.new_model
    if not recipients:
        return []
    h = messages.HEADERS
    # From 2025 on: the address in force on the period's last day, Xã/Phường (with its type word) and
    # Tỉnh; blank for an address before 01/07/2025 never moved (no longer in force).
    reformed = report.communes is not None
    titles = report.commune_titles or {}
    named = recipients[:NAMED_AT_MOST]
    # The old province of an address never moved is not in force: blank.
    provinces = [r.province if r.commune else None for r in named]
    # A column repeating one province on every row (the office's own) says nothing: left out.
    one_province = len(set(provinces)) == 1 and provinces[0] is not None
    name = messages.REPORT_NEW_MODEL_NAME
    if not reformed:
        headers = [h["code"], name, h["district"]]
    elif one_province:
        headers = [h["code"], name, messages.WORKBOOK_COMMUNE]
    else:
        headers = [h["code"], name, messages.WORKBOOK_COMMUNE, messages.WORKBOOK_PROVINCE]
    block = Block(
        messages.REPORT_NEW_MODEL.format(year=year),
        headers,
        wrap=frozenset(range(1, len(headers))),
        sheet=messages.SHEET_NEW_MODEL,
    )
    for r, province in zip(named, provinces, strict=True):
        if reformed:
            commune = titles.get(r.commune, r.commune) if r.commune else None
            cells: list[Cell] = [Label(commune) if commune else None]
            if not one_province:
                cells.append(Label(province) if province else None)
        else:
            cells = [None if r.district is None else Label(r.district)]
        block.rows.append([Label(r.code), Label(r.name), *cells])
    if len(recipients) > NAMED_AT_MOST:
        block.caption = messages.REPORT_MORE_NAMED.format(count=format_count(len(recipients) - NAMED_AT_MOST))
    return [block]
