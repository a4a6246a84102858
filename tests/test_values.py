"""Value parsers: tables of good and bad input, and properties over input nobody could list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from htxcli.domain.errors import InvalidValue
from htxcli.domain.records import parse_code
from htxcli.domain.values import (
    MAX_COUNT,
    MAX_MONEY,
    format_money,
    parse_count,
    parse_date,
    parse_int,
    parse_money,
    parse_past_date,
    parse_text,
    parse_year,
)

GOOD_MONEY = [
    ("1600000000", 1_600_000_000),
    ("1.600.000.000", 1_600_000_000),
    ("1.600.000.000 đồng", 1_600_000_000),
    ("1.600.000.000đ", 1_600_000_000),
    ("1 600 000", 1_600_000),
    ("1,6 tỷ", 1_600_000_000),
    ("1,6 tỷ đồng", 1_600_000_000),
    ("1,62 tỉ", 1_620_000_000),
    ("350 triệu", 350_000_000),
    ("350 TRIỆU", 350_000_000),
    ("2,5 triệu", 2_500_000),
    ("20 nghìn", 20_000),
    ("20 ngàn", 20_000),
    ("1.200 tỷ", 1_200_000_000_000),
    ("0", 0),
    ("  42  ", 42),
    ("007", 7),
    # spoken compounds: units going down, each once
    ("1 tỷ 500 triệu", 1_500_000_000),
    ("2 tỷ 350 triệu 20 nghìn", 2_350_020_000),
    ("1 triệu 500 nghìn", 1_500_000),
    ("1 tỷ 20 nghìn", 1_000_020_000),
    ("1tỷ500triệu", 1_500_000_000),
    ("1 tỉ 500 tr đồng", 1_500_000_000),
    ("1 tỷ 2,5 triệu", 1_002_500_000),
    ("1.200 tỷ 999 triệu", 1_200_999_000_000),
    ("1 tỷ 0 triệu", 1_000_000_000),
    # the most htx holds, in each form
    ("1000000000000000000", MAX_MONEY),
    ("1.000.000.000.000.000.000", MAX_MONEY),
    ("1.000.000.000 tỷ", MAX_MONEY),
    ("0" * 5000 + "1", 1),
    # as spreadsheets hold them: a currency word, no-break spaces, decimals that are zeros
    ("1.500.000.000 đ", 1_500_000_000),
    ("1.500.000.000 VNĐ", 1_500_000_000),
    ("1.500.000.000 VND", 1_500_000_000),
    ("1.500.000.000 đồng ", 1_500_000_000),
    ("\u00a01.500.000.000\u00a0đ\u00a0", 1_500_000_000),
    ("1\u00a0500\u00a0000\u00a0₫", 1_500_000),
    ("1\u202f500\u202f000", 1_500_000),
    ("1.500.000.000,00", 1_500_000_000),
    ("1.500.000.000,00 đ", 1_500_000_000),
]
BAD_MONEY = [
    ("1.5", "ambiguous"),
    ("1,5", "ambiguous"),
    ("1,500", "ambiguous"),
    ("1.50", "ambiguous"),
    ("-5", "negative"),
    ("-1,6 tỷ", "negative"),
    ("1,0000000001 tỷ", "whole number of đồng"),
    ("1,5 nghìn đồng lẻ", "not an amount"),
    ("1.6 tỷ", "not an amount"),
    ("abc", "not an amount"),
    ("", "not an amount"),
    ("1,6 tấn", "not an amount"),
    ("trên 1,6 tỷ", "not an amount"),
    ("1e9", "not an amount"),
    ("12.34.567", "not an amount"),
    ("1 tỷ 500", "not an amount"),  # 'một tỷ rưỡi'? 'một tỷ năm trăm đồng'? a bare tail is refused
    ("1 tỷ 2 tấn", "not an amount"),
    ("500 triệu 1 tỷ", "units must go down"),
    ("1 tỷ 1 tỉ", "units must go down"),
    ("1 triệu 500 nghìn 2 triệu", "units must go down"),
    ("1 tỷ 1000 triệu", "units must go down"),
    ("1 tỷ 1.000.000 nghìn", "units must go down"),
    ("1000000000000000001", "larger than 1.000.000.000.000.000.000 đồng"),
    ("1.000.000.000.000.000.001", "larger than"),
    ("99999999999999999999", "larger than"),
    ("1.000.000.001 tỷ", "larger than"),
    ("1.000.000.000 tỷ 1 nghìn", "larger than"),
    ("9" * 5000, "larger than"),
    ("9" * 5000 + " tỷ", "larger than"),
    ("1," + "0" * 5000 + "1 tỷ", "whole number of đồng"),
    ("1.500.000,5", "whole number of đồng"),  # a spreadsheet's fractional number (sheetsource.py)
    ("1.500,05 đ", "whole number of đồng"),
    ("1,5 đ", "ambiguous"),  # a currency word is no scale: 1,5 still could be either
    ("1.5 đồng", "ambiguous"),
    ("1.500.000,", "not an amount"),
]


@pytest.mark.parametrize(("text", "expected"), GOOD_MONEY)
def test_money_accepts_vietnamese_forms(text: str, expected: int) -> None:
    assert parse_money("amount", text) == expected


@pytest.mark.parametrize(("text", "problem"), BAD_MONEY)
def test_money_rejects_with_field_and_value(text: str, problem: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_money("amount", text)
    message = str(caught.value)
    assert message.startswith(f"amount: {text!r}")
    assert problem in message


@settings(max_examples=1000, deadline=None)  # part of the 10,000 examples a run makes (README)
@given(st.integers(min_value=0, max_value=MAX_MONEY))
def test_money_reads_back_what_tables_print(amount: int) -> None:
    printed = format_money(amount)
    assert parse_money("amount", printed) == amount


_UNITS = {10**9: ["tỷ", "tỉ", "ty"], 10**6: ["triệu", "trieu", "tr"], 10**3: ["nghìn", "ngàn", "nghin"]}


@settings(max_examples=1000, deadline=None)  # part of the 10,000 examples a run makes (README)
@given(
    st.integers(min_value=0, max_value=MAX_MONEY // 1000).map(lambda n: n * 1000),
    st.data(),
)
@example(1_500_000_000, None)
def test_spoken_compounds_read_back(amount: int, data: st.DataObject | None) -> None:
    """An amount said as its tỷ, triệu and nghìn (the zero parts left out, units spelt any accepted
    way, spaced or not) reads back as itself."""
    parts = []
    rest = amount
    for scale, names in _UNITS.items():
        count, rest = divmod(rest, scale)
        if count:
            name = data.draw(st.sampled_from(names)) if data else names[0]
            space = data.draw(st.sampled_from(["", " ", "  "])) if data else " "
            parts.append(f"{format_money(count)[:-2]}{space}{name}")
    text = " ".join(parts) or "0"
    assert parse_money("amount", text) == amount


@settings(max_examples=1000, deadline=None)  # part of the 10,000 examples a run makes (README)
@given(st.integers(min_value=MAX_MONEY + 1, max_value=10**40))
def test_amounts_beyond_the_limit_say_so(amount: int) -> None:
    for text in (str(amount), format_money(amount)):
        with pytest.raises(InvalidValue, match="is larger than"):
            parse_money("amount", text)


@settings(max_examples=1000, deadline=None)  # part of the 10,000 examples a run makes (README)
@given(st.text())
def test_money_parser_accepts_or_names_the_field(text: str) -> None:
    try:
        assert parse_money("amount", text) >= 0
    except InvalidValue as e:
        assert str(e).startswith("amount: ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018-11-16", date(2018, 11, 16)),
        ("16/11/2018", date(2018, 11, 16)),
        ("1/2/2018", date(2018, 2, 1)),
        (" 2018-1-5 ", date(2018, 1, 5)),
        ("29/02/2016", date(2016, 2, 29)),
        ("5/3/2019", date(2019, 3, 5)),
        ("\u00a05/3/2019\u00a0 ", date(2019, 3, 5)),
    ],
)
def test_dates_accept_iso_and_day_first(text: str, expected: date) -> None:
    assert parse_date("founded", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2018",
        "2018/11/16",
        "11-16-2018",
        "16.11.2018",
        "",
        "hôm qua",
        "29/02/2018",
        "2-3-2019",
        "5/3/19",
    ],
)
def test_dates_reject_everything_else(text: str) -> None:
    with pytest.raises(InvalidValue, match=r"^founded: .* is not a date"):
        parse_date("founded", text)


@settings(max_examples=1000, deadline=None)  # part of the 10,000 examples a run makes (README)
@given(st.dates(min_value=date(1000, 1, 1)))
def test_both_date_forms_agree(day: date) -> None:
    assert parse_date("d", day.isoformat()) == day
    assert parse_date("d", day.strftime("%d/%m/") + f"{day.year:04d}") == day


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("12", True),
        ("0", True),
        ("2147483647", True),  # the most an INTEGER column holds on every backend
        ("-1", False),
        ("1.0", False),
        ("x", False),
        ("2147483648", False),
        ("99999999999999999999", False),
    ],
)
def test_counts(text: str, ok: bool) -> None:
    if ok:
        assert parse_int("members", text) == int(text)
    else:
        with pytest.raises(InvalidValue, match=r"^members: "):
            parse_int("members", text)


GOOD_COUNTS = [
    ("1200", 1200),
    ("1.200", 1200),
    ("1.200.000", 1_200_000),
    (" 12.345 ", 12_345),
    ("2.147.483.647", MAX_COUNT),
    ("0", 0),
]
BAD_COUNTS = [
    ("1.2", "is not a whole number"),
    ("1,2", "is not a whole number"),
    ("1,200", "is not a whole number"),  # the decimal comma: never a thousands separator here
    ("12.00", "is not a whole number"),
    ("1.2000", "is not a whole number"),
    (".200", "is not a whole number"),
    ("1.200.", "is not a whole number"),
    ("1 200", "is not a whole number"),
    ("-1.200", "must not be negative"),
    ("2.147.483.648", "must not be more than 2147483647"),
    ("9" * 5000, "must not be more than 2147483647"),
    ("-" + "9" * 5000, "must not be negative"),
]


@pytest.mark.parametrize(("text", "expected"), GOOD_COUNTS)
def test_counts_take_the_thousands_dot(text: str, expected: int) -> None:
    assert parse_count("members", text) == expected


@pytest.mark.parametrize(("text", "problem"), BAD_COUNTS)
def test_counts_refused(text: str, problem: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_count("members", text)
    assert str(caught.value) == f"members: {text!r} {problem}"


@settings(max_examples=1000, deadline=None)  # part of the 10,000 examples a run makes (README)
@given(st.integers(min_value=0, max_value=MAX_COUNT))
def test_counts_read_back_with_or_without_dots(number: int) -> None:
    assert parse_count("members", str(number)) == number
    assert parse_count("members", f"{number:,}".replace(",", ".")) == number


@pytest.mark.parametrize("text", ["2.018", "2,018"])
def test_a_year_is_not_a_count(text: str) -> None:
    with pytest.raises(InvalidValue, match="is not a year"):
        parse_year("year", text)


def test_dates_up_to_today_have_happened() -> None:
    today = date.today()
    assert parse_past_date("founded", today.isoformat()) == today
    assert parse_past_date("founded", "01/01/1900") == date(1900, 1, 1)
    tomorrow = (today + timedelta(days=1)).strftime("%d/%m/%Y")
    with pytest.raises(InvalidValue) as caught:
        parse_past_date("founded", tomorrow)
    assert str(caught.value) == (
        f"founded: {tomorrow!r} is later than today ({today.isoformat()}); record it once it has happened"
    )


def test_text_is_nfc_and_trimmed() -> None:
    nfd = "Hợp".encode().decode()  # written in NFC in this file
    import unicodedata

    decomposed = unicodedata.normalize("NFD", nfd)
    assert len(decomposed) == 5 and len(nfd) == 3
    assert parse_text("name", f"  {decomposed} ") == "Hợp"
    assert parse_text("name", "   ") is None
    with pytest.raises(InvalidValue, match="control characters"):
        parse_text("name", "a\x00b")


@pytest.mark.parametrize(
    "code", ["4700257731", "0101234567", "0101234567-001", "THT-07", "QĐ.12/2018", "a_b"]
)
def test_codes_accepted_as_written(code: str) -> None:
    assert parse_code(code) == code


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("4700257731.0", "4700257731"),  # a code a spreadsheet stored as a number
        ("4700257731.00", "4700257731"),
        (" 4700257731.0\u00a0", "4700257731"),
        ("4700257731.5", "4700257731.5"),  # not a whole number: a code with a dot, as QĐ.12 is
        ("12E3", "12E3"),  # letters and digits: a code
    ],
)
def test_codes_stored_as_numbers_are_codes(cell: str, code: str) -> None:
    assert parse_code(cell) == code


@pytest.mark.parametrize("cell", ["4,70026E+09", "4.70026E+09", "4.70026e+09", "4.7E09", "47E+8"])
def test_codes_in_scientific_notation_are_refused_as_such(cell: str) -> None:
    with pytest.raises(InvalidValue, match=r"^code: .* scientific notation, which lost its digits"):
        parse_code(cell)


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("=1+1", "must be letters, digits"),
        ("-x", "must be letters, digits"),
        ("@SUM", "must be letters, digits"),
        ("_a", "must be letters, digits"),
        ("x;y", "must be letters, digits"),
        ("47 00", "must not contain spaces"),
    ],
)
def test_codes_refused(code: str, problem: str) -> None:
    with pytest.raises(InvalidValue, match=problem):
        parse_code(code)


@pytest.mark.parametrize("code", ["", "  ", None])
def test_an_empty_code_is_missing(code: str | None) -> None:
    """Said as every missing required value is, not as a bad one ("'' must not be empty")."""
    from htxcli.domain.errors import MissingValue

    with pytest.raises(MissingValue, match=r"^code: is required$"):
        parse_code(code)
