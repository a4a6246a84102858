"""The importer's column-by-column parsing and key folding must give exactly what the row-by-row
parsers give: the same values for good rows, the same message for bad ones, in any mix."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from htxcli.domain import batch, batch_organisations, batch_ratings, batch_support
from htxcli.domain.batch import PROBLEMS_JOINT, ParsedBatch
from htxcli.domain.batch_organisations import organisation_doubts_in, parse_organisations
from htxcli.domain.batch_ratings import RATING_VALUES, parse_ratings, rating_values
from htxcli.domain.batch_support import SUPPORT_VALUES, parse_supports, support_doubts_in
from htxcli.domain.errors import HtxError, InvalidValues
from htxcli.domain.records import (
    CODE_LIMIT,
    CODE_SYMBOLS,
    KEY_FIELDS,
    ORGANISATION_FIELDS,
    REFERENCE_LIMIT,
    SEARCHED_FIELDS,
    derived_key_columns,
    derived_keys,
    organisation_doubts,
    parse_organisation,
    parse_support,
    support_doubts,
)
from htxcli.domain.text import fold, fold_many, sort_key, sort_key_many
from htxcli.domain.values import MAX_COUNT, MAX_MONEY, PLAIN_COUNT_DIGITS, PLAIN_MONEY_DIGITS, TEXT_LIMIT
from htxcli.services import wire

_TODAY = date.today().isoformat()
_TOMORROW = (date.today() + timedelta(days=1)).isoformat()

# Cells worth trying in any column: good values of every kind, blanks, the forms clerks type, and
# the awkward (formula-protected, NFD, control characters, over-long, impossible dates), with the
# boundaries of each limit: today and tomorrow, the most money and a đồng more, counts with dots.
_CELLS = st.sampled_from(
    [
        "",
        "  ",
        "HTX-01",
        "0101234567",
        "a b",
        "=1+1",
        "'=1+1",
        "'",
        "Hợp tác xã Tân Thành",
        unicodedata.normalize("NFD", "Hợp tác xã Đồng Tâm"),
        "x\x07y",
        "x" * 10_001,
        "cooperative",
        "THT",
        "quỹ tín dụng",
        "nông nghiệp",
        "2018-05-10",
        "10/05/2018",
        "2018-02-30",
        "2018-5-1",
        "1999",
        "2018",
        "12",
        "-3",
        "999999999",
        "2147483647",
        "2147483648",  # more than a count may be, fewer digits than an amount may have
        "99999999999999999999",
        "1.600.000.000",
        "1,6 tỷ",
        "1.5",
        "1.200",
        "1.200.000",
        "1,2",
        "2.147.483.648",
        "1 tỷ 500 triệu",
        "500 triệu 1 tỷ",
        "200.000 tỷ",  # a capital recorded with a warning
        "100000000000000",  # 100.000 tỷ, the most without one
        "100000000000001",
        "1000000000000000000",  # the most money htx holds
        "1000000000000000001",
        "9" * 5000,
        _TODAY,
        _TOMORROW,
        "31/12/2999",
        "good",
        "Khá",
        "yếu",
        "64",
        "101",
        "outreach",
        "credit",
        "vay vốn",
        "hội chợ",
        "lớp",
        "QĐ-1",
    ]
)
_ANY_CELL = st.one_of(_CELLS, _CELLS, st.text(max_size=12))


def _rows(
    fields: Sequence[str], required: Sequence[str]
) -> st.SearchStrategy[tuple[list[str], list[list[str]]]]:
    """A header (the required columns and some others, in any order; import checks headers first)
    and rows of its width, some a cell short."""

    def rows_for(header: list[str]) -> st.SearchStrategy[tuple[list[str], list[list[str]]]]:
        width = len(header)
        full = st.lists(_ANY_CELL, min_size=width, max_size=width)
        short = st.lists(_ANY_CELL, min_size=width - 1, max_size=width - 1)
        return st.tuples(st.just(header), st.lists(st.one_of(full, full, full, short), max_size=12))

    optional = [f for f in fields if f not in required]
    return (
        st.lists(st.sampled_from(optional), unique=True)
        .flatmap(lambda extra: st.permutations([*required, *extra]))
        .flatmap(lambda header: rows_for(list(header)))
    )


def _one_by_one(
    header: Sequence[str], rows: Sequence[Sequence[str]], parse: Callable[[dict[str, str]], dict[str, Any]]
) -> list[dict[str, Any] | HtxError]:
    out: list[dict[str, Any] | HtxError] = []
    for row in rows:
        raw = {c: v[1:] if v[:1] == "'" else v for c, v in zip(header, row, strict=False)}
        try:
            out.append(parse(raw))
        except InvalidValues as e:  # several bad cells: the batch keeps each problem apart, as text
            out.append(HtxError(PROBLEMS_JOINT.join(map(str, e.errors))))
        except HtxError as e:
            out.append(e)
    return out


def _same(batch: list[Any], single: list[Any]) -> None:
    assert len(batch) == len(single)
    for b, s in zip(batch, single, strict=True):
        if isinstance(s, HtxError):
            assert isinstance(b, HtxError) and (type(b), str(b)) == (type(s), str(s))
        else:
            assert b == s


def _same_and_after_crossing(parsed: ParsedBatch, size: int, single: list[Any]) -> None:
    """The batch gives what the row parsers give, and so does its copy sent to another process."""
    _same(parsed.results(size), single)
    arrived = wire.loads(wire.dumps(parsed)).results(size)
    as_sent = [HtxError(str(s)) if isinstance(s, HtxError) else s for s in single]  # errors as messages
    _same(arrived, as_sent)


@settings(max_examples=300, deadline=None)
@given(_rows(ORGANISATION_FIELDS, ("code", "name", "founded")))
@example((["code", "name", "founded", "dissolved"], [["A", "HTX A", "2010-01-01", "2009-01-01"]]))
@example((["code", "name", "founded", "members"], [["A", "HTX A", "2010-01-01", "2147483648"]]))
@example((["code", "name", "founded"], [["A", "HTX A", _TODAY], ["B", "HTX B", _TOMORROW]]))
@example((["code", "name", "founded", "dissolved"], [["A", "HTX A", "2010-01-01", _TOMORROW]]))
@example((["code", "name", "founded", "members"], [["A", "HTX A", "2010-01-01", "1.200"]] * 3))
@example((["code", "name", "founded", "district"], [["", "", "", ""], ["HTX-01", "HTX-01", "2010-01-01"]]))
def test_organisations_by_column_equal_row_by_row(case: tuple[list[str], list[list[str]]]) -> None:
    header, rows = case
    single = _one_by_one(header, rows, parse_organisation)
    if "kind" not in header:  # the importer leaves a kind the file does not give to the stored one
        for values in single:
            if isinstance(values, dict):
                values.pop("kind", None)
    _same_and_after_crossing(parse_organisations(header, rows), len(rows), single)


@settings(max_examples=300, deadline=None)
@given(_rows(RATING_VALUES, ("code", "year")))
def test_ratings_by_column_equal_row_by_row(case: tuple[list[str], list[list[str]]]) -> None:
    header, rows = case
    _same_and_after_crossing(parse_ratings(header, rows), len(rows), _one_by_one(header, rows, rating_values))


@settings(max_examples=300, deadline=None)
@given(_rows(SUPPORT_VALUES, ("program", "date")))
@example((["program", "date", "quantity"], [["credit", "2018-01-01", "2147483648"]]))
@example((["program", "date", "amount_vnd"], [["credit", _TODAY, "1 tỷ 5 tr"], ["credit", _TOMORROW, "1"]]))
@example((["program", "date", "amount_vnd"], [["credit", "2018-01-01", "1000000000000000001"]]))
def test_support_by_column_equal_row_by_row(case: tuple[list[str], list[list[str]]]) -> None:
    header, rows = case
    _same_and_after_crossing(
        parse_supports(header, rows), len(rows), _one_by_one(header, rows, parse_support)
    )


def _doubts_one_by_one(results: list[Any], doubts: Callable[[dict[str, Any]], list[Any]]) -> list[Any]:
    """(position among the good rows, message) of each warning the row-level check gives."""
    good = [r for r in results if not isinstance(r, HtxError)]
    return [(j, str(d)) for j, values in enumerate(good) for d in doubts(values)]


@settings(max_examples=300, deadline=None)
@given(_rows(ORGANISATION_FIELDS, ("code", "name", "founded")))
@example((["code", "name", "founded", "capital_vnd"], [["A", "HTX A", "2010-01-01", "200.000 tỷ"]] * 2))
def test_organisation_warnings_by_column_equal_row_by_row(case: tuple[list[str], list[list[str]]]) -> None:
    header, rows = case
    parsed = parse_organisations(header, rows)
    by_column = [(j, str(d)) for j, d in organisation_doubts_in(parsed)]
    assert by_column == _doubts_one_by_one(parsed.results(len(rows)), organisation_doubts)


@settings(max_examples=300, deadline=None)
@given(_rows(SUPPORT_VALUES, ("program", "date")))
@example((["program", "date", "amount_vnd", "quantity"], [["credit", "2018-01-01", "", ""]] * 2))
@example((["program", "date", "amount_vnd", "quantity"], [["vay vốn", "2018-01-01", "0", "1"]]))
def test_support_warnings_by_column_equal_row_by_row(case: tuple[list[str], list[list[str]]]) -> None:
    header, rows = case
    parsed = parse_supports(header, rows)
    by_column = [(j, str(d)) for j, d in support_doubts_in(parsed)]
    assert by_column == _doubts_one_by_one(parsed.results(len(rows)), support_doubts)


def test_a_clean_batch_takes_the_column_path_whole() -> None:
    """The case the speed depends on: nothing left to the row parsers, dates kept as their text."""
    header = ["code", "program", "date", "amount_vnd", "quantity", "unit", "reference", "note"]
    rows = [["A1", "credit", "2018-03-01", "1600000000", "1", "", f"QĐ-{i}", ""] for i in range(50)]
    parsed = parse_supports(header, rows)
    assert parsed.index == list(range(50)) and not parsed.errors and parsed.complete
    assert list(parsed.iso["date"]) == ["2018-03-01"] * 50
    assert parsed.column("amount_vnd") == [1_600_000_000] * 50
    arrived = wire.loads(wire.dumps(parsed))
    assert arrived.column("date") == [date(2018, 3, 1)] * 50 and arrived == parsed


_TEXTS = st.lists(st.text(max_size=30), max_size=20)


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
@example(["Đồng  Tâm-x_y", "\u0300a", "a\x00b", "", " ", "ﬁ İ", "a\u00a0 b", "x\x1fy", "ĐẠI"])
def test_fold_many_is_fold_of_each(values: list[str]) -> None:
    assert fold_many(values) == [fold(v) for v in values]


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
@example(["Hợp tác xã  Số 1", "a\tb", " x ", "", "Ầ ầ", "a\x00b"])
@example(["Số 12345", "A.B-c_d 09!", "~{|}\x7f", "x\x01y 2018/QĐ"])  # ASCII words, keyed as bytes
def test_sort_key_many_is_sort_key_of_each(values: list[str]) -> None:
    assert sort_key_many(values) == [sort_key(v) for v in values]


_TEXT_OR_NONE = st.one_of(st.none(), st.text(min_size=1, max_size=15))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "name": st.text(min_size=1, max_size=20),
                "code": st.from_regex(r"[A-Za-z0-9][A-Za-z0-9-]{0,8}", fullmatch=True),
                "commune": _TEXT_OR_NONE,
                "district": _TEXT_OR_NONE,
                "representative": _TEXT_OR_NONE,
                "new_commune": _TEXT_OR_NONE,
                "new_province": _TEXT_OR_NONE,
            }
        ),
        max_size=10,
    )
)
def test_derived_key_columns_are_derived_keys_of_each(rows: list[dict[str, Any]]) -> None:
    columns = {f: [r[f] for r in rows] for f in SEARCHED_FIELDS}
    keys = [dict(zip(KEY_FIELDS, k, strict=True)) for k in zip(*derived_key_columns(columns), strict=True)]
    assert keys == [derived_keys(r) for r in rows]


# The fast checks against their parsers, either side of each limit. The limits are the parsers' own
# constants: a rule tightened there, and not in the fast check, fails here on the values it now refuses.

BatchParser = Callable[[Sequence[str], Sequence[Sequence[str]]], ParsedBatch]
RowParser = Callable[[dict[str, str]], dict[str, Any]]


def _texts(limit: int) -> tuple[list[str], list[str]]:
    """Cells just below and at `limit` characters (which the fast check passes), and just above."""
    return ["x" * (limit - 1), "x" * limit], ["x" * (limit + 1)]


def _numbers(plain_digits: int, maximum: int) -> tuple[list[str], list[str]]:
    """The largest number the fast check passes, then the smallest it leaves to the parser and the
    parser's maximum either side."""
    around = {10**plain_digits, maximum - 1, maximum, maximum + 1}
    return [str(10**plain_digits - 1)], sorted(map(str, around), key=int)


def _codes() -> tuple[list[str], list[str]]:
    symbols = [f"A{symbol}1" for symbol in CODE_SYMBOLS]
    return ["A" * (CODE_LIMIT - 1), "A" * CODE_LIMIT, *symbols], ["A" * (CODE_LIMIT + 1), "A!"]


_DAYS = [(date.today() + timedelta(days=d)).isoformat() for d in (-1, 0, 1)]
_COUNTS = _numbers(PLAIN_COUNT_DIGITS, MAX_COUNT)
_AMOUNTS = _numbers(PLAIN_MONEY_DIGITS, MAX_MONEY)

# Per file: its batch and row parsers, a header and a good row, and per column the cells the fast check
# must pass on its own and those it may leave to the parser.
_FILES: list[tuple[BatchParser, RowParser, list[str], list[str], dict[str, tuple[list[str], list[str]]]]] = [
    (
        parse_organisations,
        parse_organisation,
        ["code", "name", "kind", "founded", "members", "capital_vnd", "representative"],
        ["A1", "HTX A", "", "2010-01-01", "12", "1000", ""],
        {
            "code": _codes(),
            "name": _texts(TEXT_LIMIT),
            "representative": _texts(TEXT_LIMIT),
            "founded": (_DAYS[:2], _DAYS[2:]),
            "members": _COUNTS,
            "capital_vnd": _AMOUNTS,
        },
    ),
    (
        parse_ratings,
        rating_values,
        ["code", "year", "grade", "score", "note"],
        ["A1", "2018", "good", "", ""],
        {"code": _codes(), "note": _texts(TEXT_LIMIT)},
    ),
    (
        parse_supports,
        parse_support,
        ["code", "program", "date", "amount_vnd", "quantity", "unit", "reference", "note"],
        ["A1", "credit", "2018-03-01", "1000", "2", "", "QĐ-1", ""],
        {
            "code": (["", *_codes()[0]], _codes()[1]),
            "date": (_DAYS[:2], _DAYS[2:]),
            "amount_vnd": (_AMOUNTS[0], ["", *_AMOUNTS[1]]),
            "quantity": (_COUNTS[0], ["", *_COUNTS[1]]),
            "unit": _texts(TEXT_LIMIT),
            "reference": _texts(REFERENCE_LIMIT),
            "note": _texts(TEXT_LIMIT),
        },
    ),
]

_AT_LIMITS = [
    pytest.param(
        parse_batch,
        parse_row,
        header,
        [value if name == column else cell for name, cell in zip(header, good, strict=True)],
        value,
        fast,
        id=f"{parse_batch.__name__}-{column}-{value if len(value) < 20 else f'{value[:3]}…({len(value)})'}",
    )
    for parse_batch, parse_row, header, good, cases in _FILES
    for column, (passed, left) in cases.items()
    for fast, values in ((True, passed), (False, left))
    for value in values
]


@pytest.mark.parametrize(("parse_batch", "parse_row", "header", "row", "value", "fast"), _AT_LIMITS)
def test_each_fast_check_agrees_with_its_parser_either_side_of_each_limit(
    monkeypatch: pytest.MonkeyPatch,
    parse_batch: BatchParser,
    parse_row: RowParser,
    header: list[str],
    row: list[str],
    value: str,
    fast: bool,
) -> None:
    """A one-row batch gives what the row parser gives; the cells within the fast check's reach are
    passed by it alone, so that the comparison tests the fast check and not the parser against itself."""
    handed_on: list[str] = []  # the cells the batch left to a parser

    def spy(name: str, cells: Callable[..., list[str]]) -> None:
        # In each module of the batch parsers that calls it by this name.
        for module in (batch, batch_organisations, batch_ratings, batch_support):
            if not hasattr(module, name):
                continue
            original = getattr(module, name)

            def run(*args: Any, original: Callable[..., Any] = original, **kwargs: Any) -> Any:
                handed_on.extend(cells(*args))
                return original(*args, **kwargs)

            monkeypatch.setattr(module, name, run)

    spy("by_value", lambda _parse, column, _bad: list(column))
    spy("parse_text", lambda _field, cell, *_: [cell])
    spy("_parse_row", lambda _header, cells, _parse: list(cells))
    _same(parse_batch(header, [row]).results(1), _one_by_one(header, [row], parse_row))
    if fast:
        assert value not in handed_on
