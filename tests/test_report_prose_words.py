"""The body's words a seventh reader corrected: a kind counted from none says how many there are now
("thành lập mới 1 THT, hiện có 1 THT", not "nâng tổng số lên 1 THT"); the body's one part is not
numbered ("TÌNH HÌNH CHUNG", not a lone "I."); its last words point to the appendix the tables are in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run
from tests.test_report_print import office  # noqa: F401  (the fixture: a Thái Nguyên office, 2026)

Htx = Callable[..., Run]


def test_a_kind_counted_from_none_says_how_many_there_are_now(office: Htx) -> None:  # noqa: F811
    text = " ".join(office("--lang", "vi", "report", "2026", "--format", "text").stdout.split())
    assert "thành lập mới 1 THT, hiện có 1 THT" in text  # the fixture's group, the first
    assert "nâng tổng số lên 1 THT" not in text
    assert "nâng tổng số lên" in text  # the cooperatives, counted from some


def test_the_word_body_has_one_unnumbered_part_pointing_to_the_appendix(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    import docx

    target = tmp_path / "bc.docx"
    assert office("--lang", "vi", "report", "2026", "-o", str(target)).exit_code == 0
    texts = [p.text for p in docx.Document(str(target)).paragraphs if p.text.strip()]
    assert "TÌNH HÌNH CHUNG" in texts and not any(t.startswith("I. ") for t in texts), texts
    pointer = texts.index("(Chi tiết tại Phụ lục các biểu số liệu kèm theo.)")
    assert texts.index("Phụ lục") > pointer > texts.index("TÌNH HÌNH CHUNG")
