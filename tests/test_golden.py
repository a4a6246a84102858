"""Every `htx report` output of the example, byte for byte: each layout and format, one year (2012–2018),
ranges, --compare, a district, a reporting period from 15/12 and the years of the 2025 reform, in English
and Vietnamese. A change to the report's code that changes what a person or a script reads shows here as
a diff against tests/data/golden/.

The Word and Excel files are zip archives whose bytes hold the time they were written: they are compared
as the text of their parts (docProps, the file's metadata, left out); the day the document is dated (the
Word and HTML reports' date line) is written as <TODAY>, the year of the workbook's dotted appendix line as
<YEAR>.

After an intended change, regenerate and read the diff before committing it:

    HTX_GOLDEN=update .venv/bin/pytest -n 0 -p no:randomly tests/test_golden.py
    git diff --stat tests/data/golden/
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import ROOT, invoke

GOLDEN = ROOT / "tests" / "data" / "golden"
UPDATE = os.environ.get("HTX_GOLDEN") == "update"

TEXT_FORMATS = ("table", "json", "csv", "markdown", "text")
DOCUMENTS = ("html", "docx", "xlsx")

# (name, language, report arguments, formats)
CASES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    *((str(year), "en", (str(year),), TEXT_FORMATS) for year in range(2012, 2019)),
    ("2018", "en", ("2018",), DOCUMENTS),
    ("2018-compare", "en", ("2018", "--compare"), TEXT_FORMATS + DOCUMENTS),
    ("2014..2018", "en", ("2014..2018",), TEXT_FORMATS + DOCUMENTS),
    ("2014..2018-compare", "en", ("2014..2018", "--compare"), TEXT_FORMATS + DOCUMENTS),
    ("2016..2017", "en", ("2016..2017",), ("table", "json", "csv")),
    ("2018-ba-be", "en", ("2018", "--district", "ba be"), TEXT_FORMATS + DOCUMENTS),
    ("2017..2018-ba-be", "en", ("2017..2018", "--district", "Ba Bể"), ("table", "json", "csv", "xlsx")),
    ("2018-period", "en", ("2018", "--period-start", "15/12"), TEXT_FORMATS + DOCUMENTS),
    ("2016..2018-period", "en", ("2016..2018", "--period-start", "15/12"), ("table", "json", "csv")),
    ("2025", "en", ("2025",), TEXT_FORMATS + DOCUMENTS),
    ("2024..2025-compare", "en", ("2024..2025", "--compare"), TEXT_FORMATS + DOCUMENTS),
    # CSV and JSON do not change with the language.
    ("2018-vi", "vi", ("2018",), ("table", "markdown", "text", *DOCUMENTS)),
    ("2014..2018-compare-vi", "vi", ("2014..2018", "--compare"), ("table", "markdown", "text", *DOCUMENTS)),
    ("2025-vi", "vi", ("2025",), ("table", "text", "docx")),
]

SUFFIX = {"table": "txt", "json": "json", "csv": "csv", "markdown": "md", "text": "narrative.txt"}


def _params() -> list[tuple[str, str, tuple[str, ...], str]]:
    return [(name, lang, args, fmt) for name, lang, args, formats in CASES for fmt in formats]


def _golden_name(name: str, fmt: str) -> str:
    return f"{name}.{SUFFIX.get(fmt, fmt + '.txt')}"


def _dated(text: str, lang: str) -> str:
    """The document's date line, which names the day it was written, as <TODAY>."""
    today = date.today()
    for spelled in (f"{today.day:02d}", f"{today.day}"):
        for month in (f"{today.month:02d}", f"{today.month}"):
            for pattern in (
                f"ngày {spelled} tháng {month} năm {today.year}",
                f"{spelled}/{month}/{today.year}",
            ):
                text = text.replace(pattern, "<TODAY>")
    # The workbook's appendix line, dotted for the clerk, in the year the file was made.
    text = text.replace(f"ngày … tháng … năm {today.year}", "ngày … tháng … năm <YEAR>")
    text = text.replace(f"{today.year}-…-…", "<YEAR>-…-…")
    text = text.replace(today.strftime("%d %B %Y"), "<TODAY>")
    text = text.replace(today.isoformat(), "<TODAY>")
    return text


# The parts that hold the report, compared as text; the rest (styles, themes, the template's settings)
# by digest, so that a change there still shows.
_READ = ("word/document.xml", "xl/worksheets/", "xl/sharedStrings.xml", "xl/charts/", "xl/workbook.xml")


def _archive_text(path: Path) -> str:
    """A zip's parts in name order, docProps left out."""
    out = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if name.startswith("docProps/"):
                continue
            data = archive.read(name)
            if name.startswith(_READ):
                out.append(f"=== {name}\n{data.decode('utf-8')}\n")
            else:
                out.append(f"=== {name} sha256 {hashlib.sha256(data).hexdigest()}\n")
    return "".join(out)


def output(db: Path | str, tmp_path: Path, lang: str, args: tuple[str, ...], fmt: str) -> str:
    if fmt in DOCUMENTS:
        target = tmp_path / f"report.{fmt}"
        r = invoke(db, "--lang", lang, "report", *args, "-o", str(target))
        assert r.exit_code == 0, r.stderr
        if fmt == "html":
            # The fingerprint htx ends its page with (domain/seal.py) hashes the dated page: left out.
            page = re.sub(r"<!-- htx-sha256:[0-9a-f]{64} -->\n\Z", "", target.read_text(encoding="utf-8"))
            return _dated(page, lang)
        return _dated(_archive_text(target), lang)
    r = invoke(db, "--lang", lang, "report", *args, "--format", fmt)
    assert r.exit_code == 0, r.stderr
    return str(r.stdout)


@pytest.mark.parametrize(("name", "lang", "args", "fmt"), _params(), ids=lambda v: str(v))
def test_report_output_is_unchanged(
    example_db: Path | str, tmp_path: Path, name: str, lang: str, args: tuple[str, ...], fmt: str
) -> None:
    got = output(example_db, tmp_path, lang, args, fmt)
    golden = GOLDEN / _golden_name(name, fmt)
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8")
        return
    assert golden.exists(), f"no golden {golden.name}: regenerate (see this module's docstring)"
    assert got == golden.read_text(encoding="utf-8"), f"{golden.name} differs: see this module's docstring"


def test_every_golden_file_is_checked() -> None:
    """A golden file whose case was removed is stale."""
    expected = {_golden_name(name, fmt) for name, _, _, fmt in _params()}
    found = {p.name for p in GOLDEN.iterdir()} - {"README.md"}
    assert found <= expected, sorted(found - expected)
