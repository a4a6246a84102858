"""Value parsers: tables of good and bad input, and properties over input nobody could list."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from htxcli.domain.errors import InvalidValue
from htxcli.domain.records import parse_code
from htxcli.domain.values import format_money, parse_date, parse_int, parse_money, parse_text

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


@given(st.integers(min_value=0, max_value=10**15))
def test_money_reads_back_what_tables_print(amount: int) -> None:
    printed = format_money(amount)
    assert parse_money("amount", printed) == amount


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
    ],
)
def test_dates_accept_iso_and_day_first(text: str, expected: date) -> None:
    assert parse_date("founded", text) == expected


@pytest.mark.parametrize(
    "text", ["31/02/2018", "2018/11/16", "11-16-2018", "16.11.2018", "", "hôm qua", "29/02/2018"]
)
def test_dates_reject_everything_else(text: str) -> None:
    with pytest.raises(InvalidValue, match=r"^founded: .* is not a date"):
        parse_date("founded", text)


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
    ("code", "problem"),
    [
        ("=1+1", "must be letters, digits"),
        ("-x", "must be letters, digits"),
        ("@SUM", "must be letters, digits"),
        ("_a", "must be letters, digits"),
        ("x;y", "must be letters, digits"),
        ("47 00", "must not contain spaces"),
        ("", "must not be empty"),
    ],
)
def test_codes_refused(code: str, problem: str) -> None:
    with pytest.raises(InvalidValue, match=problem):
        parse_code(code)
