from __future__ import annotations

import pytest

from htxcli.domain.errors import InvalidValue
from htxcli.domain.records import parse_rating
from htxcli.domain.vocab import GRADES, KINDS, PROGRAMS, SECTORS, grade_for_score
from htxcli.store import schema


@pytest.mark.parametrize(
    ("vocabulary", "text", "key"),
    [
        (KINDS, "HTX", "cooperative"),
        (KINDS, "hợp tác xã", "cooperative"),
        (KINDS, "THT", "group"),
        (KINDS, "LH HTX", "union"),
        (KINDS, "LHTX", "union"),
        (KINDS, "QTDND", "credit-fund"),
        (KINDS, "credit-fund", "credit-fund"),
        (SECTORS, "nông nghiệp", "agriculture"),
        (SECTORS, "Nông - Lâm - Thủy sản", "agriculture"),
        (SECTORS, "thương mại - dịch vụ", "trade-services"),
        (SECTORS, "tiểu thủ công nghiệp", "industry"),
        (SECTORS, "vệ sinh môi trường", "environment"),
        (SECTORS, "giao thông vận tải", "transport"),
        (GRADES, "tốt", "good"),
        (GRADES, "KHÁ", "fair"),
        (GRADES, "trung bình", "average"),
        (GRADES, "yếu", "weak"),
        (GRADES, "chưa xếp loại", "unrated"),
        (PROGRAMS, "vay vốn", "credit"),
        (PROGRAMS, "bản tin", "bulletin"),
        (PROGRAMS, "hội chợ", "trade-promotion"),
        (PROGRAMS, "OCOP", "certification"),
        (PROGRAMS, "tuyên truyền", "outreach"),
    ],
)
def test_aliases(vocabulary, text: str, key: str) -> None:  # type: ignore[no-untyped-def]
    assert vocabulary.parse(text) == key


def test_unknown_value_lists_choices() -> None:
    with pytest.raises(
        InvalidValue, match=r"^kind: 'coop' is not one of: cooperative, group, union, credit-fund$"
    ):
        KINDS.parse("coop")


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (100, "good"),
        (80, "good"),
        (79, "fair"),
        (65, "fair"),
        (64, "average"),
        (50, "average"),
        (49, "weak"),
        (0, "weak"),
    ],
)
def test_circular_01_2020_bands(score: int, grade: str) -> None:
    assert grade_for_score(score) == grade
    assert parse_rating(None, str(score), None)["grade"] == grade


def test_grade_contradicting_score_is_an_error() -> None:
    with pytest.raises(InvalidValue, match=r"^grade: 'tốt' contradicts score 64 \(which is average\)$"):
        parse_rating("tốt", "64", None)


def test_schema_constraints_follow_the_vocabularies() -> None:
    assert KINDS.keys == schema.KIND_KEYS
    assert "new-model" in schema.PROGRAM_KEYS
