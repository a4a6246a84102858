"""Search keys and Vietnamese alphabetical order."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from htxcli.domain.text import fold, sort_key


def test_fold_strips_marks_and_maps_d_bar() -> None:
    assert fold("Tân Thành") == "tan thanh"
    assert fold("ĐỒNG") == "dong"
    assert fold(unicodedata.normalize("NFD", "Đồng Hỷ")) == "dong hy"
    assert fold("nông - lâm - thủy sản") == "nong lam thuy san"


@settings(max_examples=1000, deadline=None)  # part of the 10,000 examples a run makes (README)
@given(st.text())
def test_fold_is_the_same_for_nfc_and_nfd(text: str) -> None:
    assert fold(unicodedata.normalize("NFC", text)) == fold(unicodedata.normalize("NFD", text))


def test_vietnamese_order() -> None:
    expected = [
        "An",
        "Anh",
        "Ăn",
        "Ân",
        "Bắc",
        "Dung",
        "Đào",
        "Đông",
        "Êm",
        "Gia",
        "Ơn",
        "Uyên",
        "Ưng",
        "Yên",
    ]
    shuffled = sorted(expected, reverse=True)
    assert sorted(shuffled, key=sort_key) == expected
    # Code-point order gets this wrong, which is why the key exists.
    assert sorted(expected) != expected


def test_tones_break_ties_in_order() -> None:
    # ngang < huyền < hỏi < ngã < sắc < nặng
    expected = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(reversed(expected), key=sort_key) == expected


def test_letters_before_tones() -> None:
    # Base letters decide first: "mạ" < "mai" although ạ carries the heaviest tone.
    assert sorted(["mai", "mạ"], key=sort_key) == ["mạ", "mai"]


@settings(max_examples=1000, deadline=None)  # part of the 10,000 examples a run makes (README)
@given(st.text())
def test_sort_key_ignores_normalisation_form(text: str) -> None:
    assert sort_key(unicodedata.normalize("NFC", text)) == sort_key(unicodedata.normalize("NFD", text))
