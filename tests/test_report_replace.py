"""`report -o FILE` replaces its own unchanged output, never a document completed by hand (issue 25,
item 17): the clerk's Word report, Excel appendix or saved page is kept unless --force. Each document is
changed by an independent program (python-docx, openpyxl, a text edit), as the clerk's Word would."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import invoke


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _in_word(path: Path) -> None:
    from docx import Document

    doc = Document(str(path))
    doc.add_paragraph("Nơi nhận: UBND tỉnh (để báo cáo)")
    doc.save(str(path))


def _in_excel(path: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(path)
    book.worksheets[0]["A1"] = "Biểu đã sửa tay"
    book.save(path)


def _by_hand(path: Path) -> None:
    page = path.read_text(encoding="utf-8")
    path.write_text(page.replace("</h1>", " (bản hoàn chỉnh)</h1>", 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "edit"), [("bao-cao.docx", _in_word), ("phu-luc.xlsx", _in_excel), ("bao-cao.html", _by_hand)]
)
def test_a_document_changed_since_htx_wrote_it_is_kept_unless_forced(
    example_db: Path, tmp_path: Path, name: str, edit: Callable[[Path], None]
) -> None:
    target = tmp_path / name
    assert invoke(example_db, "report", "2018", "-o", str(target)).exit_code == 0
    # Its own output, unchanged: replaced without a word, as often as the clerk asks.
    r = invoke(example_db, "report", "2018", "-o", str(target))
    assert (r.exit_code, r.stderr) == (0, f"Wrote {target}\n")
    edit(target)
    completed = _digest(target)
    r = invoke(example_db, "report", "2018", "-o", str(target))
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: --output: {str(target)!r} has changed since htx wrote it (completed in Word or Excel?) "
        "and is kept; write to another file, or add --force to replace it\n"
    )
    assert _digest(target) == completed
    r = invoke(example_db, "report", "2018", "-o", str(target), "--force")
    assert r.exit_code == 0, r.stderr
    assert _digest(target) != completed
    # Replaced by htx again: its own output once more.
    assert invoke(example_db, "report", "2018", "-o", str(target)).exit_code == 0


def test_a_file_htx_did_not_write_is_kept_unless_forced(example_db: Path, tmp_path: Path) -> None:
    from docx import Document

    target = tmp_path / "Báo cáo 2026.docx"
    Document().save(str(target))  # the office's own template, under the name the clerk chose
    before = _digest(target)
    r = invoke(example_db, "report", "2018", "-o", str(target))
    assert r.exit_code == 1 and "was not written by htx" in r.stderr and "--force" in r.stderr
    assert r.stderr.count("\n") == 1
    assert _digest(target) == before
    assert invoke(example_db, "report", "2018", "-o", str(target), "--force").exit_code == 0
    assert Document(str(target)).core_properties.identifier.startswith("htx-sha256:")


def test_the_data_formats_are_replaced_as_before(example_db: Path, tmp_path: Path) -> None:
    """JSON, CSV, Markdown and text are data for scripts, rewritten on every run: no fingerprint in them
    (the JSON stays byte for byte what it was), and nothing refused."""
    for name in ("r.json", "r.csv", "r.md", "r.txt"):
        target = tmp_path / name
        target.write_text("a script's earlier output\n", encoding="utf-8")
        assert invoke(example_db, "report", "2018", "-o", str(target)).exit_code == 0
        assert "htx-sha256" not in target.read_text(encoding="utf-8")
    stdout = invoke(example_db, "report", "2018", "--format", "json").stdout
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == stdout
