"""The narrative over generated report models: whatever the figures, it never prints a zero where it
should be silent, its percentages are the model's and sum to 100 (or less, where equal counts have
equal shares), and every count it prints is the model's. In both languages (Vietnamese switched on
in-process and back, as the suite runs in English)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import given, settings
from hypothesis import strategies as st

from htxcli.domain.i18n import use
from htxcli.domain.report import (
    Count,
    Label,
    Money,
    Organisations,
    Recipient,
    Report,
    Series,
    Support,
    SupportTotal,
    Totals,
    YearReport,
)
from htxcli.domain.vocab import KINDS, PROGRAMS
from htxcli.render.narrative import paragraph, press_money
from htxcli.services.report import _ratings  # the service's own builder: shares by largest remainder

small = st.integers(min_value=0, max_value=3)
counts = st.one_of(small, st.integers(min_value=0, max_value=100_000))


@st.composite
def organisations(draw: st.DrawFn) -> Organisations:
    start, new = draw(counts), draw(counts)
    dissolved = draw(st.integers(min_value=0, max_value=start + new))
    return Organisations(
        active=Count(start + new - dissolved),
        new=Count(new),
        dissolved=Count(dissolved),
        members=Count(draw(counts)),
        capital_vnd=Money(draw(st.integers(min_value=0, max_value=10**15))),
        active_start=Count(start),
    )


@st.composite
def supports(draw: st.DrawFn) -> Support:
    records = draw(small)
    if not records:
        return Support(Count(0), Count(0), Count(0), Money(0), None)
    return Support(
        organisations=Count(draw(st.integers(min_value=0, max_value=records))),
        records=Count(records),
        quantity=Count(draw(counts)),
        amount_vnd=Money(draw(st.sampled_from([0, 999, 20_000, 350_000_000, 1_620_000_000, 10**13]))),
        unit=draw(st.sampled_from([None, Label("lớp"), Label("cuốn")])),
    )


@st.composite
def year_reports(draw: st.DrawFn) -> YearReport:
    by_kind = {kind: draw(organisations()) for kind in KINDS.keys}
    grades = {g: draw(counts) for g in ("good", "fair", "average", "weak", "unrated")}
    ratings = _ratings(grades)
    support = {program: draw(supports()) for program in PROGRAMS.keys}
    # Names of letters only: a name may hold digits ("HTX 30/4"), which the zero check would read as a count.
    names = draw(st.lists(st.text(alphabet='abcdĐđăâêôơưáàảãạ<>&"', min_size=1, max_size=12), max_size=60))
    recipients = [
        Recipient(f"C{i}", name, draw(st.sampled_from([None, "Ba Bể"]))) for i, name in enumerate(names)
    ]
    return YearReport(
        year=2018,
        area=None,
        area_name=draw(st.sampled_from([None, "Chợ Mới"])),
        organisations=by_kind,
        ratings=ratings,
        support=support,
        new_model=recipients,
        districts={},
        totals=Totals(
            Organisations.total(by_kind.values()),
            SupportTotal(
                Count(sum(s.records.value for s in support.values())),
                Money(sum(s.amount_vnd.value for s in support.values())),
            ),
            {},
        ),
        band_shares=Series(tuple(ratings.percent.items())),
        support_amounts=Series(tuple((p, s.amount_vnd) for p, s in support.items() if s.records.value)),
    )


@contextmanager
def speaking(language: str) -> Iterator[None]:
    use(language)
    try:
        yield
    finally:
        use("en")


# A zero count followed by a word: "0 HTX", "0 cooperatives", "0 lượt", "0 đồng".
SILENT_ZERO = re.compile(r"(?<![\d.,])0 [^\W\d]")
PERCENT = re.compile(r"(\d+)%")


@settings(max_examples=150, deadline=None)
@given(year_reports(), st.sampled_from(["en", "vi"]))
def test_the_narrative_never_prints_a_silent_zero_and_its_shares_sum_to_100(
    report: YearReport, language: str
) -> None:
    with speaking(language):
        text = paragraph(report)
    assert not SILENT_ZERO.search(text), text
    ratings = report.ratings
    shares = [int(p) for p in PERCENT.findall(text)]
    if ratings.rated.value:
        # 100, or a point short for each equal band left without one (1/1/1 is 33% each)
        assert sum(shares) == sum(p.value for p in ratings.percent.values()) <= 100
        printed = [
            report.ratings.percent[b].value
            for b in ("effective", "average", "weak")
            if ratings.bands[b].value
        ]
        assert shares == printed
    else:
        assert shares == []
    for kind, block in report.organisations.items():
        if not (block.new.value or block.dissolved.value or block.active.value):
            continue
        noun = {
            "en": None,
            "vi": {"cooperative": "HTX", "group": "THT", "union": "LHTX", "credit-fund": "QTDND"},
        }[language]
        if noun is not None and block.new.value:
            assert f"thành lập mới {block.new.value:,} {noun[kind]}".replace(",", ".") in text


def _one_cooperative(program: str, amount: int, recipient: Recipient) -> YearReport:
    """2019: one cooperative, founded and rated good; one record of `program` for `amount` đồng, and
    `recipient` the new model's."""
    one = Organisations(active=Count(1), new=Count(1), members=Count(5), active_start=Count(0))
    none = Organisations()
    ratings = _ratings({"good": 1})
    given = Support(Count(1), Count(1), Count(1), Money(amount), None)
    empty = Support(Count(0), Count(0), Count(0), Money(0), None)
    return YearReport(
        2019,
        None,
        None,
        {k: one if k == "cooperative" else none for k in KINDS.keys},
        ratings,
        {p: given if p == program else empty for p in PROGRAMS.keys},
        [recipient],
        {},
        Totals(one, SupportTotal(Count(1), Money(amount)), {}),
        Series(tuple(ratings.percent.items())),
        Series(((program, Money(amount)),)),
    )


def test_one_of_everything_reads_in_the_singular() -> None:
    report = _one_cooperative("credit", 1_500_000_000, Recipient("1", "HTX Một", None))
    assert paragraph(report) == (
        "In 2019, the province founded 1 cooperative, making 1 cooperative in all. "
        "Of the 1 cooperative rated: 1 cooperative effective (good or fair), 100%. "
        "During the year the province helped 1 cooperative borrow to develop production, "
        "disbursing 1.5 billion đồng. The cooperative supported to build the new model is HTX Một."
    )
    assert Report([report], False, Series(())).columns == [report]


def test_one_new_model_cooperative_is_named_in_its_clause_not_again() -> None:
    """ "hỗ trợ 1 HTX xây dựng mô hình …, kinh phí 1 tỷ đồng. HTX được hỗ trợ xây dựng mô hình HTX kiểu
    mới là HTX Dược liệu …" said it twice (a tenth reader): one cooperative is named after its count
    within the programme's clause; several are still listed in a sentence of their own."""
    text = paragraph(_one_cooperative("new-model", 1_000_000_000, Recipient("1", "HTX Một", "Ba Bể")))
    assert (
        "helped 1 cooperative, HTX Một (Ba Bể), build the new cooperative model tied to value chains, "
        "at a cost of 1 billion đồng." in text
    ), text
    assert text.count("HTX Một") == 1 and "supported to build the new model" not in text


def test_money_is_written_as_the_press_writes_it() -> None:
    cases = {
        1_620_000_000: ("1,62 tỷ đồng", "1.62 billion đồng"),
        3_883_000_000: ("3,883 tỷ đồng", "3.883 billion đồng"),
        1_625_500_000: ("1,626 tỷ đồng", "1.626 billion đồng"),  # half up, three decimals at most
        227_450_000_000: ("227,45 tỷ đồng", "227.45 billion đồng"),
        1_234_000_000_000: ("1.234 tỷ đồng", "1,234 billion đồng"),
        350_000_000: ("350 triệu đồng", "350 million đồng"),
        96_000_000: ("96 triệu đồng", "96 million đồng"),
        64_565_000: ("64,6 triệu đồng", "64.6 million đồng"),  # one decimal at most for triệu
        25_500_000: ("25,5 triệu đồng", "25.5 million đồng"),
        999_960_000: ("1 tỷ đồng", "1 billion đồng"),
        20_000: ("20.000 đồng", "20,000 đồng"),
        999: ("999 đồng", "999 đồng"),
    }
    for amount, (vi, en) in cases.items():
        assert press_money(amount) == en
        with speaking("vi"):
            assert press_money(amount) == vi
