"""The 2026 report's words as a Vietnamese clerk reads them (Thái Nguyên, period from 15/12): a
bankruptcy named apart from a dissolution, the ratings caption without a contradiction, Biểu 2's stocks
apart from its flows, the documents' heading and signature, one title in every layout, the support
table's units. Each through the CLI in every layout that shows it."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import Run, made_by, word_signature

pytestmark = pytest.mark.both_backends

Htx = Callable[..., Run]
LAYOUTS = ("table", "markdown", "text", "docx", "html", "xlsx")


@pytest.fixture
def vi(htx: Htx, monkeypatch: pytest.MonkeyPatch) -> Iterator[Htx]:
    """htx in Vietnamese, on a terminal wide enough that no cell wraps."""
    monkeypatch.setenv("COLUMNS", "220")

    def run(*args: str, input: str | None = None) -> Run:
        return htx("--lang", "vi", *args, input=input)

    yield run


@pytest.fixture
def thai_nguyen(vi: Htx, db_path: Path | str) -> Htx:
    """Thái Nguyên, periods from 15/12: six cooperatives of Xã Thượng Minh founded in 2020; in the 2026
    period one went bankrupt, one was dissolved, one was suspended and resumed, one is suspended on the
    period's last day, one was rated. Typed in Vietnamese once per test process and backend, and copied
    for each test (conftest.made_by)."""
    made_by(db_path, "thai_nguyen", [("--lang", "vi", *args) for args in THAI_NGUYEN])
    return vi


THAI_NGUYEN = (
    ("settings", "province", "thai nguyen"),
    ("settings", "period-start", "15/12"),
    *(
        ("add", f"HTX Số {i}", "--code", f"460125490{i}", "--commune", "Thượng Minh", "--founded",
         "01/03/2020")
        for i in range(1, 7)
    ),
    ("status", "4601254901", "phá sản", "--on", "01/03/2026"),
    ("status", "4601254902", "giải thể", "--on", "01/04/2026"),
    ("status", "4601254903", "tạm ngừng", "--on", "01/02/2026", "--until", "30/09/2026"),
    ("status", "4601254903", "hoạt động", "--on", "01/05/2026"),
    ("status", "4601254904", "tạm ngừng", "--on", "01/02/2026", "--until", "31/12/2026"),
    ("rate", "4601254905", "2026", "tốt"),
)  # fmt: skip


def layout_text(htx: Htx, tmp_path: Path, layout: str, *args: str) -> str:
    """What a person reads of the report in `layout`, as text (cells joined by " | ")."""
    if layout in ("table", "markdown", "text"):
        r = htx("report", *args, "--format", layout)
        assert r.exit_code == 0, r.stderr
        return r.stdout
    target = tmp_path / f"report.{layout}"
    r = htx("report", *args, "-o", str(target))
    assert r.exit_code == 0, r.stderr
    if layout == "html":
        body = target.read_text(encoding="utf-8")
        body = re.sub(r"<(style|script)[^>]*>.*?</\1>", "", body, flags=re.S)
        body = re.sub(r"</t[dh]>\s*<t[dh][^>]*>", " | ", body)
        return html.unescape(re.sub(r"<[^>]+>", "", body))
    if layout == "docx":
        from docx import Document

        doc = Document(str(target))
        lines = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                lines.append(" | ".join(c.text for c in row.cells))
        return "\n".join(lines)
    from openpyxl import load_workbook

    book = load_workbook(target)
    return "\n".join(
        " | ".join("" if v is None else str(v) for v in row)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


# --- 1: a bankruptcy is no dissolution ---------------------------------------------------------------


def test_a_bankruptcy_is_counted_and_worded_apart_from_dissolutions(thai_nguyen: Htx) -> None:
    out = thai_nguyen("report", "2026").stdout
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if "Giải thể   Phá sản" in line)
    # A header wraps in a terminal ("Thành lập" over "mới", the change in up to four lines): the
    # columns' order is where each starts.
    header = lines[at - 4 : at + 1]
    starts = [
        next(line.index(h) for line in header if h in line)
        for h in ("Thành lập", "Giải thể", "Phá sản", "Tăng")
    ]
    assert starts == sorted(starts), header
    row = next(line for line in out.splitlines() if line.strip().startswith("Hợp tác xã"))
    assert row.split()[3:8] == ["4", "0", "1", "1", "−2"], row  # registered, new, dissolved, bankrupt, ±
    text = thai_nguyen("report", "2026", "--format", "text").stdout
    assert "giải thể 1 HTX, phá sản 1 HTX, tổng số còn 4 HTX" in text
    # The JSON and CSV keep their keys: `dissolved` counts the lives ended, both ways.
    data = json.loads(thai_nguyen("report", "2026", "--format", "json").stdout)
    assert data["organisations"]["cooperative"]["dissolved"] == 2
    assert "bankrupt" not in json.dumps(data) and "dissolutions" not in json.dumps(data)
    assert "bankrupt" not in thai_nguyen("report", "2026", "--format", "csv").stdout
    # A year without a bankruptcy has no such column.
    assert "Phá sản" not in thai_nguyen("report", "2025").stdout


def test_bankruptcies_are_named_in_every_layout(thai_nguyen: Htx, tmp_path: Path) -> None:
    for layout in LAYOUTS:
        shown = layout_text(thai_nguyen, tmp_path, layout, "2026")
        assert ("phá sản 1 HTX" if layout == "text" else "Phá sản") in shown, layout
    words = layout_text(thai_nguyen, tmp_path, "docx", "2026")
    # The document's first count spells the kind out (Decree 30), then abbreviates it.
    assert "giải thể 1 hợp tác xã (HTX), phá sản 1 HTX" in words


# --- 2: the ratings caption --------------------------------------------------------------------------


def test_the_ratings_caption_says_no_result_yet_apart_from_the_grade_unrated(
    thai_nguyen: Htx, tmp_path: Path
) -> None:
    for layout in LAYOUTS:
        shown = " ".join(layout_text(thai_nguyen, tmp_path, layout, "2026").split())
        assert "Còn 3 HTX chưa có kết quả đánh giá năm 2026" in shown, layout
        assert "chưa xếp loại" not in shown.lower(), layout  # nobody was graded "unrated"
        assert "chưa đánh giá" not in shown.lower(), layout
    assert thai_nguyen("rate", "4601254906", "2026", "chưa xếp loại").exit_code == 0
    out = " ".join(thai_nguyen("report", "2026").stdout.split())
    said = "1 HTX đã xếp loại, 1 HTX thuộc diện chưa xếp loại. Còn 2 HTX chưa có kết quả đánh giá năm 2026."
    assert said in out


# --- 3: Biểu 2's columns are stocks that add up; the flows of the period are a note -------------------


def _status_rows(shown: str) -> list[list[int]]:
    """The figures of each row of the legal status table, its header's row first excluded."""
    lines = [line for line in shown.splitlines() if line.strip()]
    # A terminal puts a header's note in brackets on a second line: "Hiện có" over "(còn đăng ký)".
    headed = ("Hiện có", "(còn")
    at = next(i for i, line in enumerate(lines) if "Tạm ngừng" in line and any(h in line for h in headed))
    rows = []
    for line in lines[at + 1 :]:
        cells = [c.strip() for c in (line.split("|") if "|" in line else re.split(r"\s{2,}", line))]
        figures = [int(c.strip("*").replace(".", "")) for c in cells if re.fullmatch(r"\**[\d.]+\**", c)]
        if "---" in line or "───" in line or not figures:
            continue
        rows.append(figures)
        if "Tổng cộng" in line:
            break
    return rows


def test_the_status_columns_of_each_row_add_up_to_the_registered(thai_nguyen: Htx, tmp_path: Path) -> None:
    for layout in ("table", "markdown", "docx", "html", "xlsx"):
        shown = layout_text(thai_nguyen, tmp_path, layout, "2026")
        rows = _status_rows(shown)
        assert len(rows) == 5, (layout, rows)  # four kinds and the total
        for registered, *stocks in rows:
            assert len(stocks) == 4 and sum(stocks) == registered, (layout, registered, stocks)
        assert rows[0] == [4, 3, 1, 0, 0], layout  # one suspended on the last day
        # The resumed: a flow of the period, said beneath the table, not a column beside the stocks.
        note = " ".join(shown.split())
        resumed = (
            "Hoạt động trở lại sau tạm ngừng kinh doanh trong kỳ: 1 HTX "
            "(đã tính ở các cột trên theo tình trạng cuối kỳ)."
        )
        assert resumed in note, layout


# --- 5: a support without quantity of its own; the demo's last line ----------------------------------


def test_a_loan_or_a_new_model_shows_no_quantity_of_nothing(thai_nguyen: Htx, tmp_path: Path) -> None:
    for args in (
        ("support", "add", "tín dụng", "--to", "4601254905", "--date", "01/06/2026", "--amount", "1,5 tỷ"),
        ("support", "add", "kiểu mới", "--to", "4601254906", "--date", "01/06/2026", "--amount", "100tr"),
        ("support", "add", "bản tin", "--date", "01/06/2026", "--quantity", "500", "--unit", "cuốn",
         "--amount", "25tr"),
    ):  # fmt: skip
        assert thai_nguyen(*args).exit_code == 0
    for layout in ("table", "markdown", "docx", "html"):
        lines = layout_text(thai_nguyen, tmp_path, layout, "2026").splitlines()
        for program in ("Tín dụng", "HTX kiểu mới"):
            row = next(line for line in lines if line.strip(" |").startswith(program))
            cells = [c.strip(" *") for c in (row.split("|") if "|" in row else re.split(r"\s{2,}", row))]
            cells = [c for c in cells if c]
            assert cells[1:3] == ["1", "1"], (layout, row)  # organisations, records
            assert re.fullmatch(r"\d{1,3}(\.\d{3})+", cells[3]), (layout, row)  # then the amount, no quantity
        bulletin = next(line for line in lines if line.strip(" |").startswith("Bản tin kinh tế tập thể"))
        assert "500" in bulletin and "cuốn" in bulletin, layout
    # The JSON keeps every record's quantity.
    data = json.loads(thai_nguyen("report", "2026", "--format", "json").stdout)
    assert data["support"]["credit"]["quantity"] == 1


def test_the_demo_ends_with_a_command_in_no_language() -> None:
    from tests.conftest import ROOT

    said = [
        line.strip()
        for line in (ROOT / "examples" / "demo.sh").read_text().splitlines()
        if line.strip().startswith("echo")
    ]
    assert said[-1] == 'echo >&2 "HTX_DB=$db $htx report 2018 --compare"'


# --- 4: the documents' heading and signature, and one title -------------------------------------------


def test_every_layout_has_the_one_title(thai_nguyen: Htx, tmp_path: Path) -> None:
    title = "Tình hình phát triển kinh tế tập thể năm 2026"
    assert thai_nguyen("report", "2026").stdout.splitlines()[0] == title
    assert thai_nguyen("report", "2026", "--format", "markdown").stdout.splitlines()[0] == f"# {title}"
    from docx import Document
    from openpyxl import load_workbook

    assert thai_nguyen("report", "2026", "-o", str(tmp_path / "r.docx")).exit_code == 0
    paragraphs = [p.text for p in Document(str(tmp_path / "r.docx")).paragraphs]
    assert paragraphs[paragraphs.index("BÁO CÁO") + 1] == title
    assert thai_nguyen("report", "2026", "-o", str(tmp_path / "r.html")).exit_code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert f"<title>BÁO CÁO {title}</title>" in page and f"</span> {title}</h1>" in page
    assert thai_nguyen("report", "2026", "-o", str(tmp_path / "r.xlsx")).exit_code == 0
    first = load_workbook(tmp_path / "r.xlsx").worksheets[0]
    assert str(first["A3"].value).startswith(f"{title} (Số liệu từ ngày 15/12/2025")


def _heading_and_signature(htx: Htx, tmp_path: Path) -> tuple[list[str], list[str], str]:
    """The Word heading's office lines, the Word signature's lines, and the HTML page."""
    from docx import Document

    assert htx("report", "2026", "-o", str(tmp_path / "r.docx")).exit_code == 0
    doc = Document(str(tmp_path / "r.docx"))
    office = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs if p.text]
    signer = [p.text for p in word_signature(doc).rows[0].cells[1].paragraphs if p.text]
    assert htx("report", "2026", "-o", str(tmp_path / "r.html")).exit_code == 0
    return office, signer, (tmp_path / "r.html").read_text(encoding="utf-8")


def test_the_documents_put_the_governing_body_above_the_office_and_sign_as_set(
    thai_nguyen: Htx, tmp_path: Path
) -> None:
    assert thai_nguyen("settings", "office", "Sở Tài chính").exit_code == 0
    office, signer, page = _heading_and_signature(thai_nguyen, tmp_path)
    # A department answers to the province's people's committee: above it, the office bold below.
    assert office[:2] == ["UBND TỈNH THÁI NGUYÊN", "SỞ TÀI CHÍNH"]
    assert '<div>UBND TỈNH THÁI NGUYÊN</div>\n    <div class="name">SỞ TÀI CHÍNH</div>' in page
    assert signer == ["THỦ TRƯỞNG CƠ QUAN", "(Ký, ghi rõ họ tên và đóng dấu)"]
    # The settings name another body, the signer's title on two lines, and the signer.
    for key, value in (
        ("parent-body", "Ủy ban nhân dân tỉnh Thái Nguyên"),
        ("signer-title", "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"),
        ("signer", "Nguyễn Văn An"),
    ):
        r = thai_nguyen("settings", key, value)
        assert r.exit_code == 0, r.stderr
    shown = thai_nguyen("settings").stdout
    assert re.search(r"│ Cơ quan chủ quản\s+│ Ủy ban nhân dân tỉnh Thái Nguyên\s+│ parent-body\s+│", shown), (
        shown
    )
    assert re.search(r"│ Chức vụ người ký\s+│ KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC\s+│ signer-title\s+│", shown), shown
    office, signer, page = _heading_and_signature(thai_nguyen, tmp_path)
    assert office[:2] == ["ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN", "SỞ TÀI CHÍNH"]
    assert signer == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]
    assert (
        '<div class="who">PHÓ GIÁM ĐỐC</div>\n    <div class="room"></div>\n'
        '    <div class="who">Nguyễn Văn An' in page
    )
    # An office typed with its parent keeps it; --office names another office for one document.
    r = thai_nguyen(
        "report", "2026", "--office", "UBND HUYỆN X / PHÒNG KINH TẾ", "-o", str(tmp_path / "o.docx")
    )
    assert r.exit_code == 0
    from docx import Document

    cells = Document(str(tmp_path / "o.docx")).tables[0].rows[0].cells[0].paragraphs
    assert [p.text for p in cells if p.text][:2] == ["UBND HUYỆN X", "PHÒNG KINH TẾ"]


def test_the_documents_list_the_recipients_set_above_the_offices_copy(
    thai_nguyen: Htx, tmp_path: Path
) -> None:
    """ "Nơi nhận" held only "- Lưu: VT.": the recipients setting lists the addressees above it, one a
    line as Decree 30's form writes them, in the Word and the HTML document."""
    from docx import Document

    r = thai_nguyen("settings", "recipients", "UBND tỉnh Thái Nguyên; Bộ Tài chính;Cục Thống kê tỉnh")
    assert r.exit_code == 0, r.stderr
    assert thai_nguyen("report", "2026", "-o", str(tmp_path / "r.docx")).exit_code == 0
    cell = word_signature(Document(str(tmp_path / "r.docx"))).rows[0].cells[0]
    expected = ["- UBND tỉnh Thái Nguyên;", "- Bộ Tài chính;", "- Cục Thống kê tỉnh;", "- Lưu: VT."]
    assert [p.text for p in cell.paragraphs if p.text] == ["Nơi nhận:", *expected]
    assert thai_nguyen("report", "2026", "-o", str(tmp_path / "r.html")).exit_code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    block = page[page.index('<div class="recipients">') : page.index('<div class="signer">')]
    assert re.findall(r"<div>([^<]*)</div>", block) == expected


def test_without_recipients_the_report_goes_to_the_body_the_office_reports_to(
    thai_nguyen: Htx, tmp_path: Path
) -> None:
    """With no recipients set, "Nơi nhận" held only the office's copy. A department's report goes to
    the province's people's committee, "(b/c)", as Decree 30's forms write it; the parent-body setting
    names another body; without an office nothing is guessed."""
    from docx import Document

    def recipients() -> list[str]:
        assert thai_nguyen("report", "2026", "-o", str(tmp_path / "r.docx")).exit_code == 0
        cell = word_signature(Document(str(tmp_path / "r.docx"))).rows[0].cells[0]
        return [p.text for p in cell.paragraphs if p.text][1:]

    assert recipients() == ["- Lưu: VT."]
    assert thai_nguyen("settings", "office", "Sở Tài chính").exit_code == 0
    assert recipients() == ["- UBND tỉnh Thái Nguyên (b/c);", "- Lưu: VT."]
    assert thai_nguyen("settings", "parent-body", "Ban Chỉ đạo kinh tế tập thể tỉnh").exit_code == 0
    assert recipients() == ["- Ban Chỉ đạo kinh tế tập thể tỉnh (b/c);", "- Lưu: VT."]
