"""The pure rules behind legal status and the reporting period, as tables of good and bad input."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from htxcli.domain.errors import InvalidValue
from htxcli.domain.periods import Period
from htxcli.domain.settings import parse_period_start, parse_value
from htxcli.domain.status import status_on, too_long
from htxcli.domain.vocab import LEGAL_STATUSES, REASONS, STATUSES


@pytest.mark.parametrize(
    ("year", "start", "first", "last"),
    [
        (2018, (1, 1), date(2018, 1, 1), date(2018, 12, 31)),
        (2018, (15, 12), date(2017, 12, 15), date(2018, 12, 14)),
        (2020, (1, 3), date(2019, 3, 1), date(2020, 2, 29)),
        (2018, (2, 1), date(2017, 1, 2), date(2018, 1, 1)),
        (2018, (31, 12), date(2017, 12, 31), date(2018, 12, 30)),
    ],
)
def test_the_reporting_period_named_a_year_ends_in_it(
    year: int, start: tuple[int, int], first: date, last: date
) -> None:
    assert Period.reporting_year(year, start) == Period(first, last)


@settings(max_examples=500, deadline=None)  # part of the 10,000 examples a run makes (README)
@given(st.integers(1901, 2099), st.dates(date(2001, 1, 1), date(2001, 12, 31)))
def test_consecutive_periods_leave_no_day_out(year: int, start: date) -> None:
    one = Period.reporting_year(year, (start.day, start.month))
    following = Period.reporting_year(year + 1, (start.day, start.month))
    assert one.last.year == year and (following.first - one.last).days == 1


@pytest.mark.parametrize(("text", "expected"), [("15/12", (15, 12)), ("1/1", (1, 1)), (" 28/02 ", (28, 2))])
def test_a_period_start_is_a_day_and_month(text: str, expected: tuple[int, int]) -> None:
    assert parse_period_start("period-start", text) == expected


@pytest.mark.parametrize("text", ["29/02", "31/04", "0/1", "15/13", "15-12", "15/12/2018", "", "mười lăm"])
def test_a_bad_period_start_names_the_field(text: str) -> None:
    with pytest.raises(InvalidValue) as e:
        parse_period_start("--period-start", text)
    assert e.value.field == "--period-start"


def test_a_period_start_is_stored_zero_padded() -> None:
    assert parse_value("period-start", "1/1") == "01/01"
    assert parse_value("office", "  Sở Tài chính  ") == "Sở Tài chính"
    assert parse_value("province", "") is None


S = {"status": "suspended", "started": date(2018, 3, 1), "until": date(2018, 9, 30)}
OPEN = {"status": "suspended", "started": date(2018, 11, 1), "until": None}
ENDED = {"status": "dissolved", "started": date(2019, 5, 1), "until": None}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2018, 2, 28), "operating"),
        (date(2018, 3, 1), "suspended"),
        (date(2018, 9, 30), "suspended"),
        (date(2018, 10, 1), "operating"),
        (date(2018, 11, 1), "suspended"),
        (date(2019, 4, 30), "suspended"),
        (date(2019, 5, 1), "dissolved"),
    ],
)
def test_the_status_on_a_day(day: date, expected: str) -> None:
    assert status_on([ENDED, S, OPEN], day) == expected


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("hoạt động", "operating"),
        ("TẠM NGỪNG", "suspended"),
        ("tam ngung kinh doanh", "suspended"),
        ("đang giải thể", "being-dissolved"),
        ("giải thể", "dissolved"),
        ("phá sản", "bankrupt"),
        ("thu hồi giấy chứng nhận", "revoked"),
        ("being-dissolved", "being-dissolved"),
    ],
)
def test_statuses_in_the_clerks_words(word: str, key: str) -> None:
    assert LEGAL_STATUSES.parse(word) == key


def test_list_keeps_its_words_and_takes_the_legal_statuses() -> None:
    assert STATUSES.parse("còn đăng ký") == "active" and STATUSES.parse("giải thể") == "dissolved"
    # One word, one meaning: "(đang) hoạt động" is operating, as in the legal statuses.
    assert STATUSES.parse("hoạt động") == STATUSES.parse("đang hoạt động") == "operating"
    assert STATUSES.parse("tạm ngừng") == "suspended" and STATUSES.parse("đang giải thể") == "being-dissolved"
    assert REASONS.parse("sáp nhập") == "merged" and REASONS.parse("phá sản") == "bankrupt"


@pytest.mark.parametrize(
    ("started", "until", "expected"),
    [
        (date(2018, 3, 1), date(2019, 2, 28), False),
        (date(2018, 3, 1), date(2019, 3, 1), True),
        (date(2020, 2, 29), date(2021, 2, 28), False),
        (date(2020, 2, 29), date(2021, 3, 1), True),
        (date(2018, 3, 1), None, False),
    ],
)
def test_a_suspension_over_twelve_months(started: date, until: date | None, expected: bool) -> None:
    assert too_long(started, until) is expected
