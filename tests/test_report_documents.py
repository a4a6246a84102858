"""The report as the documents an office sends: the narrative (--format text), the Word report (.docx)
and the HTML page (.html). Each is written by htx, read back by an independent reader (python-docx;
the standard library's html.parser; headless Chromium and poppler for the rendered page) and every
figure compared with --format json."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from htxcli.domain.values import format_count
from htxcli.domain.vocab import BAND_LABELS, GRADES, KINDS, PROGRAMS
from htxcli.render.svg import VALUE_ROOM, WIDTH
from tests.conftest import HTX, ROOT, Run, grouped, invoke, word_figures

Tables = list[tuple[str, list[list[str]]]]  # (title, rows with the header row first)


def report_json(db: Path | str, *args: str) -> Any:
    r = invoke(db, "report", *args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def vietnamese(*args: str) -> subprocess.CompletedProcess[str]:
    """htx as a clerk starts it: no HTX_LANG, a locale that names no language (Vietnamese)."""
    environ = {
        k: v for k, v in os.environ.items() if k not in ("HTX_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")
    }
    environ["LANG"] = "C.UTF-8"
    return subprocess.run([*HTX, *args], capture_output=True, text=True, env=environ, cwd=ROOT, check=False)


def figure(text: str) -> int | None:
    """A figure as a document prints it (1.620.000.000 ₫, 29%, +2, -1) as a number; None for an empty cell."""
    plain = text.replace("₫", "").replace("%", "").replace(".", "").replace("+", "").strip()
    return int(plain) if plain else None


# --- every figure of the tables against the JSON ----------------------------------------------


def spelled_out(narrative: str) -> str:
    """The text narrative as the documents print it: OCOP spelled out where first named."""
    return narrative.replace("OCOP", "OCOP (One Commune One Product programme)", 1)


def shown_capital(o: dict[str, Any]) -> int | None:
    """The capital a table shows: blank where organisations gave none, 0 where there is none."""
    return o["capital_vnd"] if o["capital_vnd"] or not o["active"] else None


def check_year_tables(tables: Tables, data: dict[str, Any]) -> None:
    """The tables of one year (the layout of the printed report) hold exactly the JSON's figures."""
    year = data["year"]
    found = {title.split(". ", 1)[-1]: rows for title, rows in tables}
    organisations = found[f"Organisations at the end of {year}"]
    kinds = {KINDS.label(k): k for k in KINDS.keys}
    checked = 0
    for label, *cells in organisations[1:]:
        o = data["totals"]["organisations"] if label == "Total" else data["organisations"][kinds[label]]
        expected = [o["active"], o["new"], o["dissolved"], o["active"] - o["active_start"], o["members"]]
        assert [figure(c) for c in cells] == [*expected, shown_capital(o)], label
        checked += 1
    assert checked == len(KINDS.keys) + 1

    ratings = data["ratings"]
    grades = {GRADES.label(g): g for g in ("good", "fair")}  # indented by the layout, not by spaces
    bands = {label: band for band, label in BAND_LABELS.items()}
    rows = found[f"Ratings {year}"][1:]
    assert len(rows) == 6
    # The bands add up to those rated, their shares to 100%.
    assert rows.pop() == ["Total", format_count(ratings["rated"]), "100%"]
    for label, count, share in rows:
        if label in grades:
            assert (figure(count), figure(share)) == (ratings["grades"][grades[label]], None)
        else:
            band = bands[label]
            assert (figure(count), figure(share)) == (ratings["bands"][band], ratings["percent"][band])

    programs = {PROGRAMS.label(p): p for p in PROGRAMS.keys} | {"Credit (loans disbursed)": "credit"}
    rows = found[f"Support {year}"][1:]
    # Loans beside spending: the spending summed apart before the loans (a loan is lent, not spent).
    spending = [r for r in rows if r[0] == "Support spending (loans not counted)"]
    rows = [r for r in rows if r not in spending]
    shown = [programs[r[0]] for r in rows[:-1]]
    held = [p for p, s in data["support"].items() if s["records"]]
    assert shown == [p for p in held if p != "credit" or not spending] + (["credit"] if spending else [])
    for _label, _, records, _, _, amount in spending:
        spent = [s for p, s in data["support"].items() if p != "credit"]
        assert (figure(records), figure(amount)) == (
            sum(s["records"] for s in spent),
            sum(s["amount_vnd"] for s in spent),
        )
    for label, organisations_count, records, quantity, unit, amount in rows[:-1]:
        s = data["support"][programs[label]]
        assert [figure(organisations_count), figure(records), figure(quantity), figure(amount)] == [
            s["organisations"] or None,  # a program for the whole province, or of no money: blank
            s["records"],
            s["quantity"],
            s["amount_vnd"] or None,
        ]
        assert unit == (s["unit"] or "")
    total = rows[-1]
    assert (figure(total[2]), figure(total[5])) == (
        data["totals"]["support"]["records"],
        data["totals"]["support"]["amount_vnd"],
    )

    if data["new_model"]:
        rows = found[f"New-model cooperatives supported in {year}"][1:]
        assert [r[:2] for r in rows] == [[m["code"], m["name"]] for m in data["new_model"]]

    rows = found[f"Districts at the end of {year}"]
    header, body, province = rows[0], rows[1:-1], rows[-1]
    assert [r[0] for r in body] == [d or "(no district)" for d in data["districts"]]
    abbreviations = {"HTX": "cooperative", "THT": "group", "LHTX": "union", "QTDND": "credit-fund"}
    for row in [*body, province]:
        name = "" if row[0] == "(no district)" else row[0]
        is_total = row is province  # the province's total row, Biểu 1's figures
        total = data["totals"]["organisations"] if is_total else data["totals"]["districts"][name]
        for column, cell in zip(header[1:], row[1:], strict=True):
            if column in abbreviations:
                kinds = data["organisations"] if is_total else data["districts"][name]
                assert figure(cell) == kinds[abbreviations[column]]["active"]
        assert [figure(c) for c in row[-4:]] == [
            total["new"],
            total["dissolved"],
            total["members"],
            total["capital_vnd"],
        ]
    assert province[0] == "Total"


# --- the narrative ----------------------------------------------------------------------------


def test_the_narrative_tells_the_example_figures_in_english(example_db: Path) -> None:
    data = report_json(example_db, "2018")
    r = invoke(example_db, "report", "2018", "--format", "text")
    assert r.exit_code == 0, r.stderr
    text = r.stdout
    assert text.count("\n\n") == 0 and text.endswith(".\n")  # one year, one paragraph
    o = data["organisations"]
    assert text.startswith(
        f"In 2018, the province founded {o['cooperative']['new']} cooperatives, bringing the total to "
        f"{o['cooperative']['active']} cooperatives; founded {o['group']['new']} cooperative groups, "
        f"bringing the total to {o['group']['active']} cooperative groups."
    )
    ratings = data["ratings"]
    assert f"Of the {ratings['rated']} cooperatives rated:" in text
    for band, words in (
        ("effective", "effective (good or fair)"),
        ("average", "average"),
        ("weak", "weak"),
    ):
        assert f"{ratings['bands'][band]} cooperatives {words}, {ratings['percent'][band]}%" in text
    support = data["support"]
    assert f"held {support['outreach']['quantity']} {support['outreach']['unit']} of outreach" in text
    bulletin = support["bulletin"]
    assert f"published {bulletin['quantity']} {bulletin['unit']} of the collective economy bulletin" in text
    assert f"human resources for {support['human-resources']['organisations']} cooperatives" in text
    assert f"helped {support['credit']['organisations']} cooperatives borrow" in text
    assert "disbursing 1.62 billion đồng" in text and support["credit"]["amount_vnd"] == 1_620_000_000
    for m in data["new_model"]:
        assert f"{m['name']} ({m['district']})" in text
    assert "dissolved" not in text  # none in 2018: not a word about dissolutions


def test_the_narrative_reads_as_the_seed_report_in_vietnamese(example_db: Path) -> None:
    data = report_json(example_db, "2018")
    r = vietnamese("--db", str(example_db), "report", "2018", "--format", "text")
    assert r.returncode == 0, r.stderr
    text = r.stdout
    o, ratings, support = data["organisations"], data["ratings"], data["support"]
    assert text.startswith(
        f"Năm 2018, toàn tỉnh thành lập mới {o['cooperative']['new']} HTX, nâng tổng số lên "
        f"{o['cooperative']['active']} HTX; thành lập mới {o['group']['new']} THT, nâng tổng số lên "
        f"{o['group']['active']} THT."
    )
    assert (
        f"có {ratings['bands']['effective']} HTX hoạt động hiệu quả, "
        f"chiếm {ratings['percent']['effective']}%; "
        f"{ratings['bands']['average']} HTX xếp loại trung bình, chiếm {ratings['percent']['average']}%; "
        f"{ratings['bands']['weak']} HTX yếu, chiếm {ratings['percent']['weak']}%." in text
    )
    billions = f"{support['credit']['amount_vnd'] / 1e9:.3f}".rstrip("0").replace(".", ",")
    assert f"hỗ trợ {support['credit']['organisations']} HTX vay vốn" in text
    assert f"với số tiền giải ngân {billions} tỷ đồng" in text and billions == "1,62"
    assert f"tổ chức {support['outreach']['quantity']} lớp tuyên truyền" in text
    assert f"phát hành {support['bulletin']['quantity']} cuốn Bản tin kinh tế tập thể, kinh phí" in text
    names = [f"{m['name']}, {m['district']}" for m in data["new_model"]]
    assert "; ".join(names[:-1]) + " và " + names[-1] + "." in text


def test_a_range_gives_a_paragraph_per_year_and_compare_tells_only_the_year_asked(example_db: Path) -> None:
    """--compare once told the year before first: a 2026 report read 2025's year before its own (a
    second reader's finding). The tables compare; the text tells the years asked."""
    r = invoke(example_db, "report", "2016..2018", "--format", "text")
    assert r.exit_code == 0, r.stderr
    paragraphs = r.stdout.strip().split("\n\n")
    assert [p[:8] for p in paragraphs] == ["In 2016,", "In 2017,", "In 2018,"]
    r = invoke(example_db, "report", "2018", "--compare", "--format", "text")
    assert [p[:8] for p in r.stdout.strip().split("\n\n")] == ["In 2018,"]


def test_a_year_without_ratings_or_support_says_so(example_db: Path) -> None:
    r = invoke(example_db, "report", "2030", "--format", "text")
    assert r.exit_code == 0, r.stderr
    # Nobody rated and every cooperative waiting: said once, with how many wait.
    assert re.search(r"No rating result for 2030 yet: \d+ cooperatives\.", r.stdout), r.stdout
    assert "No ratings are recorded for 2030." not in r.stdout
    assert "No support recorded in 2030." in r.stdout
    assert "founded" not in r.stdout  # nobody founded in 2030: only the totals that exist
    assert re.search(
        r"^In 2030, the province has \d+ cooperatives active; has \d+ cooperative groups active\.", r.stdout
    )


def test_dissolutions_are_told_when_there_are_some(htx: Callable[..., Run]) -> None:
    for code, name in (("0470000001", "HTX Một"), ("0470000002", "HTX Hai")):
        assert htx("add", name, "--code", code, "--founded", "2015-01-01").exit_code == 0
    assert htx("dissolve", "0470000001", "--on", "2018-06-30").exit_code == 0
    r = htx("report", "2018", "--format", "text")
    assert r.stdout.startswith("In 2018, the province dissolved 1 cooperative, leaving 1 cooperative.")
    assert htx("dissolve", "0470000002", "--on", "2018-07-01").exit_code == 0
    r = htx("report", "2018", "--format", "text")
    assert r.stdout.startswith(
        "In 2018, the province dissolved 2 cooperatives, leaving no cooperative active."
    )


# --- the Word report --------------------------------------------------------------------------


def docx_tables(path: Path) -> Tables:
    """The data tables of a Word report read back by python-docx, each with its title paragraph."""
    from docx import Document

    doc = Document(str(path))
    titles = [p.text for p in doc.paragraphs if re.match(r"(Table|Biểu) \d+\. ", p.text)]
    data = word_figures(doc)
    assert len(titles) == len(data)
    return [
        (title, [[cell.text for cell in row.cells] for row in table.rows])
        for title, table in zip(titles, data, strict=True)
    ]


def test_the_word_report_holds_every_figure_of_the_json(example_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "bao-cao-2018.docx"
    r = invoke(example_db, "report", "2018", "-o", str(target))
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "" and r.stderr == f"Wrote {target}\n"
    data = report_json(example_db, "2018")
    check_year_tables(docx_tables(target), data)
    from docx import Document

    body = [p.text for p in Document(str(target)).paragraphs]
    narrative = spelled_out(invoke(example_db, "report", "2018", "--format", "text").stdout.strip())
    # The narrative opens the document, word for word, in a paragraph per topic.
    assert _consecutive(body, narrative) == narrative


def test_the_word_report_is_laid_out_as_an_administrative_report(example_db: Path, tmp_path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    target = tmp_path / "bao-cao.docx"
    office = "UBND TỈNH BẮC KẠN / Sở Kế hoạch và Đầu tư"
    r = vietnamese("--db", str(example_db), "report", "2018", "-o", str(target), "--office", office)
    assert r.returncode == 0, r.stderr
    doc = Document(str(target))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    left, right = doc.tables[0].rows[0].cells
    texts = [p.text for p in left.paragraphs]
    assert texts == ["UBND TỈNH BẮC KẠN", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", ""]  # "": the rule
    nation, motto, _ = right.paragraphs
    assert nation.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and nation.runs[0].bold
    assert motto.text == "Độc lập - Tự do - Hạnh phúc" and motto.runs[0].bold
    # On the row beneath, side by side: the number to fill in after the office's initials, as its
    # documents are numbered, and the place and date.
    numbered, dated = doc.tables[0].rows[1].cells
    assert numbered.text == "Số: ……/BC-SKHVĐT"
    assert re.fullmatch(r"…………, ngày \d\d tháng \d\d năm \d{4}", dated.text)
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts and "Tình hình phát triển kinh tế tập thể năm 2018" in texts
    # A kind's abbreviation spelled out at its first use, as Decree 30 asks, then abbreviated.
    assert any(t.startswith("Năm 2018, toàn tỉnh thành lập mới 29 hợp tác xã (HTX)") for t in texts)
    assert sum(t.count("(HTX)") for t in texts) == 1 and sum(t.count("(THT)") for t in texts) == 1
    # Every run is Times New Roman (the style's) at the decree's sizes: 14 for the text, 11–13 elsewhere.
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            assert run.font.name in (None, "Times New Roman")
            assert run.font.size is None or Pt(11) <= run.font.size <= Pt(14)
    assert word_figures(doc)[0].style.name == "Table Grid"


def test_a_word_table_repeats_its_header_and_lets_its_rows_break(example_db: Path, tmp_path: Path) -> None:
    """Each table's header row is printed again on every page the table runs onto; no row carries
    "keep whole": with every row kept whole, LibreOffice printed a 2026 report's Biểu 1, broken after
    its first data row, as that one row and dropped the four others; with the header alone kept
    whole, a 2026 comparison's support table as its header alone."""
    from docx import Document
    from docx.oxml.ns import qn

    target = tmp_path / "bao-cao.docx"
    assert invoke(example_db, "report", "2014..2018", "-o", str(target)).exit_code == 0
    tables = word_figures(Document(str(target)))
    assert len(tables) >= 4
    for table in tables:
        header, *rows = table.rows
        properties = header._tr.trPr
        assert properties.find(qn("w:tblHeader")) is not None
        assert properties.find(qn("w:cantSplit")) is None
        for row in rows:
            assert row._tr.trPr is None or row._tr.trPr.find(qn("w:cantSplit")) is None


def test_without_an_office_the_word_report_leaves_a_line_to_fill(example_db: Path, tmp_path: Path) -> None:
    from docx import Document

    target = tmp_path / "r.docx"
    assert invoke(example_db, "report", "2018", "--format", "docx", "-o", str(target)).exit_code == 0
    office = Document(str(target)).tables[0].rows[0].cells[0].paragraphs[0].text
    assert office and set(office) == {"…"}


def test_the_registrys_office_setting_heads_the_documents_unless_an_option_names_another(
    example_db: Path, tmp_path: Path
) -> None:
    from docx import Document

    db = tmp_path / "office.db"
    shutil.copy(example_db, db)
    assert invoke(db, "settings", "office", "Sở Tài chính tỉnh Thái Nguyên").exit_code == 0
    target = tmp_path / "r.docx"
    assert invoke(db, "report", "2018", "-o", str(target)).exit_code == 0
    heading = Document(str(target)).tables[0].rows[0].cells[0].text
    assert "SỞ TÀI CHÍNH TỈNH THÁI NGUYÊN" in heading.upper()
    page = tmp_path / "r.html"
    assert invoke(db, "report", "2018", "-o", str(page), "--office", "Sở Kế hoạch và Đầu tư").exit_code == 0
    text = page.read_text(encoding="utf-8").upper()
    assert "SỞ KẾ HOẠCH VÀ ĐẦU TƯ" in text and "SỞ TÀI CHÍNH" not in text


def test_a_range_in_the_word_report_puts_the_years_side_by_side(example_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "xu-huong.docx"
    assert invoke(example_db, "report", "2016..2018", "-o", str(target)).exit_code == 0
    data = report_json(example_db, "2016..2018")
    tables = dict(docx_tables(target))
    rows = tables["Table 1. Organisations at year end"]
    assert rows[0] == ["Figures", "2016", "2017", "2018"]
    active = grouped(rows)["Hợp tác xã: Active"]
    assert [figure(c) for c in active] == [y["organisations"]["cooperative"]["active"] for y in data]


# --- the HTML page ----------------------------------------------------------------------------


class Page(HTMLParser):
    """What a browser would see: the tables under their titles, every text, every attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: Tables = []
        self.texts: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self._title: list[str] | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._last_title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        if tag == "h3":
            self._title = []
        elif tag == "table":
            self.tables.append((self._last_title, []))
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3" and self._title is not None:
            self._last_title = "".join(self._title).strip()
            self._title = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1][1].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        for part in (self._title, self._cell):
            if part is not None:
                part.append(data)


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def test_the_html_page_holds_every_figure_and_asks_for_nothing_from_the_network(
    example_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "bao-cao-2018.html"
    r = invoke(example_db, "report", "2018", "-o", str(target))
    assert r.exit_code == 0, r.stderr
    page = read_page(target)
    data = report_json(example_db, "2018")
    check_year_tables(page.tables, data)
    html = target.read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    narrative = spelled_out(invoke(example_db, "report", "2018", "--format", "text").stdout.strip())
    assert _consecutive([t.strip() for t in page.texts], narrative) == narrative  # in a paragraph per topic
    # Self-contained: no script, no external resource, styles inline, charts as inline SVG.
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert not [a for a in page.attributes if a[1] in ("src", "href") or "http" in a[2]]
    assert "http" not in html and "url(" not in html and "@import" not in html
    assert page.tags.count("svg") == 2
    bars = [a for a in page.attributes if a[0] == "rect" and a[1] == "width"]
    shown_programs = [p for p, s in data["support"].items() if s["records"]]
    spent = any(s["amount_vnd"] for p, s in data["support"].items() if p != "credit")
    if spent and data["support"]["credit"]["amount_vnd"]:  # a loan is lent, not spent: not charted
        shown_programs.remove("credit")
    assert len(bars) == 3 + len(shown_programs)  # the three bands, then each program's amount


def test_stored_text_is_escaped_in_the_html_and_kept_as_text_in_word(
    htx: Callable[..., Run], tmp_path: Path
) -> None:
    name = "<script>alert(1)</script>"
    assert htx("add", name, "--code", "0470000009", "--founded", "2016-03-01").exit_code == 0
    r = htx(
        "support",
        "add",
        "new-model",
        "--to",
        "0470000009",
        "--date",
        "2018-05-02",
        "--unit",
        "<b>mô hình</b>",
    )
    assert r.exit_code == 0, r.stderr
    page_file, word_file = tmp_path / "r.html", tmp_path / "r.docx"
    assert htx("report", "2018", "-o", str(page_file)).exit_code == 0
    assert htx("report", "2018", "-o", str(word_file)).exit_code == 0
    html = page_file.read_text(encoding="utf-8")
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;mô hình&lt;/b&gt;" in html
    page = read_page(page_file)
    assert "script" not in page.tags and "b" not in page.tags
    assert any(name in t for t in page.texts)  # shown as the text it is: in the narrative and the table
    tables = dict(docx_tables(word_file))
    assert tables["Table 4. New-model cooperatives supported in 2018"][1][:2] == ["0470000009", name]


def test_a_range_draws_the_organisations_active_by_year(example_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "xu-huong.html"
    assert invoke(example_db, "report", "2014..2018", "-o", str(target)).exit_code == 0
    data = report_json(example_db, "2014..2018")
    page = read_page(target)
    assert page.tags.count("svg") == 3
    assert "Organisations active at the end of each year" in [t.strip() for t in page.texts]
    labels = [t for t in page.texts if re.fullmatch(r"20(1[4-8])", t)]
    assert labels[:5] == ["2014", "2015", "2016", "2017", "2018"]
    widths = [float(v) for tag, name, v in page.attributes if tag == "rect" and name == "width"][:5]
    actives = [y["totals"]["organisations"]["active"] for y in data]
    room = WIDTH - VALUE_ROOM  # the longest bar
    assert widths == [round(a / max(actives) * room, 1) for a in actives]


# --- the page as Chromium renders and prints it --------------------------------------------------


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI=true but {name} is not installed (.ci/run installs it)")
        pytest.skip(f"{name} is not installed here (apt-get install chromium poppler-utils); CI installs it")
    return found


@pytest.fixture(scope="module")
def rendered(example_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's 2018 page, in Vietnamese, printed to PDF and photographed at a phone's width."""
    chromium = _tool("chromium")
    folder = tmp_path_factory.mktemp("rendered")
    page = folder / "bao-cao-2018.html"
    r = vietnamese(
        "--db", str(example_db), "report", "2018", "-o", str(page), "--office", "Sở Kế hoạch và Đầu tư"
    )
    assert r.returncode == 0, r.stderr
    common = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        f"--user-data-dir={folder / 'profile'}",
    ]
    for extra in (
        [f"--print-to-pdf={folder / 'page.pdf'}", "--no-pdf-header-footer"],
        [f"--screenshot={folder / 'phone.png'}", "--window-size=390,2000"],
    ):
        subprocess.run([*common, *extra, page.as_uri()], capture_output=True, timeout=120, check=True)
    return folder


def test_chromium_prints_the_page_on_a4_with_its_vietnamese_text(rendered: Path, example_db: Path) -> None:
    info = subprocess.run(
        [_tool("pdfinfo"), str(rendered / "page.pdf")], capture_output=True, text=True, check=True
    )
    assert re.search(r"Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)", info.stdout), info.stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    assert pages >= 3  # the narrative, then the tables and the charts flowing on after it
    text = subprocess.run(
        [_tool("pdftotext"), str(rendered / "page.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    data = report_json(example_db, "2018")
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
        "Tình hình phát triển kinh tế tập thể năm 2018",
        f"thành lập mới {data['organisations']['cooperative']['new']} hợp tác xã (HTX)",
        "1,62 tỷ đồng",
        "Hiệu quả (tốt + khá)",
        "Kết quả xếp loại năm 2018",
        f"{data['ratings']['bands']['effective']} ({data['ratings']['percent']['effective']}%)",
        "227.450.000.000",
        "(đồng)",
    ):
        assert expected in flat, expected


def test_chromium_shows_the_page_at_a_phones_width(rendered: Path) -> None:
    shot = (rendered / "phone.png").read_bytes()
    assert shot.startswith(b"\x89PNG") and len(shot) > 20_000


def test_a_documents_overview_has_a_paragraph_per_topic(example_db: Path, tmp_path: Path) -> None:
    """The overview was one paragraph in Word and HTML: the organisations and their ratings, then the
    support, each a paragraph of its own (the text layout keeps one paragraph per year, for scripts)."""
    from docx import Document

    r = invoke(example_db, "report", "2018", "-o", str(tmp_path / "r.docx"))
    assert r.exit_code == 0, r.stderr
    texts = [p.text for p in Document(str(tmp_path / "r.docx")).paragraphs]
    first = next(i for i, t in enumerate(texts) if t.startswith("In 2018,"))
    assert "rated" in texts[first] and "During the year" not in texts[first], texts[first]
    # The next topic under its own heading (tests/test_report_sections.py).
    assert texts[first + 1].startswith("2. ") and texts[first + 2].startswith("During the year the province")
    r = invoke(example_db, "report", "2018", "-o", str(tmp_path / "r.html"))
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert re.search(r"<p>In 2018,[^<]*</p>\s*<h3>2\. [^<]*</h3>\s*<p>During the year the province", page)
    text = invoke(example_db, "report", "2018", "--format", "text").stdout
    assert text.strip().count("\n\n") == 0  # one paragraph for the year


def _consecutive(texts: list[str], narrative: str) -> str:
    """The texts from the one the narrative starts with, joined as the text layout joins its sentences,
    until they are as long as the narrative."""
    texts = [t for t in texts if t and not re.match(r"\d+\. ", t)]  # not the parts' sub-headings
    at = next(i for i, t in enumerate(texts) if narrative.startswith(t))
    parts: list[str] = []
    while len(" ".join(parts)) < len(narrative) and at < len(texts):
        parts.append(texts[at])
        at += 1
    return " ".join(parts)


@pytest.mark.parametrize(
    ("office", "initials"),
    [
        ("Sở Tài chính", "STC"),
        ("UBND tỉnh Thái Nguyên / Sở Tài chính", "STC"),  # the office itself, not the body above it
        ("UBND tỉnh Thái Nguyên\nSở Nông nghiệp và Môi trường", "SNNVMT"),
        ("Ủy ban nhân dân", "UBND"),  # a letter's marks dropped
        ("Đoàn thanh niên", "ĐTN"),  # Đ is a letter of its own
        ("Sở  Tài   chính ", "STC"),
        ("2026", ""),
        ("", ""),
    ],
)
def test_an_offices_initials_number_its_documents(office: str, initials: str) -> None:
    from htxcli.render.letterhead import abbreviation

    assert abbreviation(office) == initials
