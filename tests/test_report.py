"""htx report: the yearly summary, checked against the 2018 report, against the definitions recomputed
in Python from exported rows, and across its four formats."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from htxcli.domain.errors import InvalidValue
from htxcli.domain.shares import largest_remainder
from htxcli.domain.values import parse_years
from tests.conftest import Run, invoke, line_beneath, snapshot
from tests.terminal import on_a_terminal

# Every test that opens a database runs on SQLite and on PostgreSQL.
pytestmark = pytest.mark.both_backends


def report_json(db: Path, *args: str) -> Any:
    r = invoke(db, "report", *args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


# --- the figures of the 2018 Bắc Kạn report ---------------------------------------------------


def test_example_2018_matches_the_printed_report(example_db: Path) -> None:
    r = report_json(example_db, "2018")
    assert r["year"] == 2018
    cooperative, group = r["organisations"]["cooperative"], r["organisations"]["group"]
    assert (cooperative["active"], cooperative["new"], cooperative["active_start"]) == (149, 29, 120)
    assert (group["active"], group["new"]) == (64, 2)
    ratings = r["ratings"]
    assert ratings["rated"] == 149 and ratings["unrated"] == 0
    assert ratings["bands"] == {"effective": 43, "average": 94, "weak": 12}
    assert ratings["percent"] == {"effective": 29, "average": 63, "weak": 8}
    support = r["support"]
    assert (support["outreach"]["quantity"], support["outreach"]["unit"]) == (8, "lớp")
    assert (support["bulletin"]["quantity"], support["bulletin"]["unit"]) == (600, "cuốn")
    assert support["human-resources"]["organisations"] == 45
    assert support["trade-promotion"]["organisations"] == 14
    assert support["credit"]["organisations"] == 17
    assert 1_600_000_000 < support["credit"]["amount_vnd"] < 1_700_000_000
    assert [m["code"] for m in r["new_model"]] == ["4700257731", "4700271106", "4700186529", "4700264180"]
    assert sum(d["cooperative"]["active"] for d in r["districts"].values()) == 149


def test_quick_start_prints_the_report(example_db: Path) -> None:
    r = invoke(example_db, "report", "2018")
    assert r.exit_code == 0 and r.stderr == ""
    text = r.stdout
    assert "The development of the collective economy in 2018" in text
    for figure in ("149", "29%", "63%", "8%", "600", "cuốn", "lớp", "1.620.000.000", "(đồng)"):
        assert figure in text, figure
    for name in ("Tân Thành", "Dương Phong", "Mỹ Phương", "Hợp Thành Thanh Vận"):
        assert name in text, name


ORGANISATION_METRICS = ("active", "new", "dissolved", "members", "capital_vnd", "active_start")


@pytest.mark.parametrize("args", [("2018",), ("2014",), ("2018", "--district", "Ba Bể")])
def test_totals_add_up_the_figures_beside_them(example_db: Path, args: tuple[str, ...]) -> None:
    """`totals` holds what the printed report's total rows show, computed once for every format: the
    sums over kinds (of the province and of each district) and over programs of the same JSON."""
    data = report_json(example_db, *args)
    totals = data["totals"]
    for metric in ORGANISATION_METRICS:
        assert totals["organisations"][metric] == sum(b[metric] for b in data["organisations"].values())
    assert totals["support"] == {
        "records": sum(s["records"] for s in data["support"].values()),
        "amount_vnd": sum(s["amount_vnd"] for s in data["support"].values()),
    }
    assert list(totals["districts"]) == list(data["districts"])
    for name, blocks in data["districts"].items():
        for metric in ORGANISATION_METRICS:
            assert totals["districts"][name][metric] == sum(b[metric] for b in blocks.values())


def test_totals_are_added_beside_the_keys_of_before(example_db: Path) -> None:
    """The keys scripts read are unchanged, in their order, with the README's figures; `totals` comes
    last. Its figures are the 2018 report's total rows (Total: 213 active, 31 new, 5.935 members)."""
    data = report_json(example_db, "2018")
    assert list(data) == [
        "year",
        "period",
        "organisations",
        "ratings",
        "support",
        "new_model",
        "districts",
        "totals",
    ]
    assert data["period"] == {"from": "2018-01-01", "to": "2018-12-31"}
    # The status counts (revision 0005) come after the keys of before; nothing is suspended in the example.
    assert data["organisations"]["cooperative"] == {
        "active": 149,
        "new": 29,
        "dissolved": 0,
        "members": 5051,
        "capital_vnd": 227450000000,
        "active_start": 120,
        "registered": 149,
        "operating": 149,
        "suspended": 0,
        "being_dissolved": 0,
        "revoked": 0,
        "resumed": 0,
    }
    assert data["support"]["credit"] == {
        "organisations": 17,
        "records": 17,
        "quantity": 17,
        "amount_vnd": 1620000000,
        "unit": "khoản vay",
    }
    assert data["totals"]["organisations"] == {
        "active": 213,
        "new": 31,
        "dissolved": 0,
        "members": 5935,
        "capital_vnd": 227450000000,
        "active_start": 182,
        "registered": 213,
        "operating": 213,
        "suspended": 0,
        "being_dissolved": 0,
        "revoked": 0,
        "resumed": 0,
    }
    assert data["totals"]["support"] == {"records": 90, "amount_vnd": 3883000000}
    district = report_json(example_db, "2018", "--district", "ba be")
    assert list(district)[:3] == ["year", "district", "period"] and list(district)[-1] == "totals"
    compared = report_json(example_db, "2018", "--compare")
    assert list(compared)[-2:] == ["totals", "previous"] and "totals" in compared["previous"]


def test_chart_series_hold_the_figures_of_the_json(example_db: Path) -> None:
    """The model's series, for renderers that draw (an SVG or Excel chart), are the printed figures:
    the bands' shares, each program's amount, the organisations active at each year's end."""
    from htxcli.domain.report import Count, Money, Percent
    from htxcli.services.report import reports
    from htxcli.store.engine import make_engine
    from htxcli.store.location import resolve

    engine = make_engine(resolve(str(example_db)))
    try:
        model = reports(engine, [2017, 2018], compare=True)
    finally:
        engine.dispose()
    data = {year: report_json(example_db, str(year)) for year in (2016, 2017, 2018)}
    assert model.active_by_year.points == tuple(
        (str(year), Count(data[year]["totals"]["organisations"]["active"])) for year in (2016, 2017, 2018)
    )
    last = model.years[-1]
    assert last.band_shares.points == (
        ("effective", Percent(29)),
        ("average", Percent(63)),
        ("weak", Percent(8)),
    )
    assert dict(last.support_amounts.points) == {
        program: Money(figures["amount_vnd"])
        for program, figures in data[2018]["support"].items()
        if figures["records"]
    }


# --- the definitions, recomputed from exported rows -------------------------------------------


def exported(db: Path, table: str) -> list[dict[str, str]]:
    r = invoke(db, "export", table)
    assert r.exit_code == 0
    return list(csv.DictReader(io.StringIO(r.stdout)))


def expected_report(db: Path, year: int) -> dict[str, Any]:
    """The README's definitions, applied row by row in Python: an oracle independent of the SQL."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    orgs = exported(db, "cooperatives")
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for o in orgs:
        founded = date.fromisoformat(o["founded"])
        dissolved = date.fromisoformat(o["dissolved"]) if o["dissolved"] else None
        active = founded <= last and (dissolved is None or dissolved > last)
        block = kinds[o["kind"]]
        block["active"] += active
        block["new"] += first <= founded <= last
        block["dissolved"] += dissolved is not None and first <= dissolved <= last
        block["members"] += int(o["members"] or 0) if active else 0
    grades = Counter(r["grade"] for r in exported(db, "ratings") if int(r["year"]) == year)
    support: dict[str, Counter[str]] = defaultdict(Counter)
    named: dict[str, set[str]] = defaultdict(set)
    for s in exported(db, "support"):
        if first <= date.fromisoformat(s["date"]) <= last:
            support[s["program"]]["records"] += 1
            support[s["program"]]["amount_vnd"] += int(s["amount_vnd"])
            if s["code"]:
                named[s["program"]].add(s["code"])
    return {"kinds": kinds, "grades": grades, "support": support, "named": named}


@pytest.mark.parametrize("year", [2014, 2016, 2017, 2018])
def test_json_agrees_with_the_definitions(example_db: Path, year: int) -> None:
    got = report_json(example_db, str(year))
    want = expected_report(example_db, year)
    for kind, block in got["organisations"].items():
        for metric in ("active", "new", "dissolved", "members"):
            assert block[metric] == want["kinds"][kind][metric], (kind, metric)
    for grade, count in got["ratings"]["grades"].items():
        assert count == want["grades"][grade]
    for program, block in got["support"].items():
        assert block["records"] == want["support"][program]["records"]
        assert block["amount_vnd"] == want["support"][program]["amount_vnd"]
        assert block["organisations"] == len(want["named"][program])


def test_boundary_dates_count_as_defined(htx: Callable[..., Run]) -> None:
    """Dissolved on 1 January and on 31 December: dissolved in the year, not active at its end.
    Founded on 31 December: new and active."""
    for code, founded in (
        ("A1", "2010-05-01"),
        ("A2", "2010-05-01"),
        ("A3", "2018-12-31"),
        ("A4", "2019-01-01"),
    ):
        assert htx("add", f"HTX {code}", "--code", code, "--founded", founded).exit_code == 0
    assert htx("dissolve", "A1", "--on", "2018-01-01").exit_code == 0
    assert htx("dissolve", "A2", "--on", "2018-12-31").exit_code == 0
    r = htx("report", "2018", "--format", "json")
    block = json.loads(r.stdout)["organisations"]["cooperative"]
    assert (block["active"], block["new"], block["dissolved"], block["active_start"]) == (1, 1, 2, 2)
    earlier = json.loads(htx("report", "2017", "--format", "json").stdout)["organisations"]["cooperative"]
    assert (earlier["active"], earlier["dissolved"]) == (2, 0)


# --- percentages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "shares"),
    [
        ((43, 94, 12), (29, 63, 8)),
        ((1, 1, 1), (33, 33, 33)),  # equal counts, equal shares: 100 cannot be made
        ((4, 1, 1), (66, 17, 17)),  # the two equal counts take the two missing points
        ((3, 3, 1), (43, 43, 14)),
        ((0, 1, 1), (0, 50, 50)),
        ((5, 2, 7), (36, 14, 50)),  # the largest remainder takes the missing point
        ((0, 0, 0), (0, 0, 0)),
        ((0, 5, 0), (0, 100, 0)),
        ((1, 2, 0), (33, 67, 0)),
        ((2, 1, 3), (33, 17, 50)),
    ],
)
def test_largest_remainder(counts: tuple[int, int, int], shares: tuple[int, int, int]) -> None:
    got = largest_remainder(dict(zip(("effective", "average", "weak"), counts, strict=True)))
    assert tuple(got.values()) == shares


@settings(max_examples=1000, deadline=None)  # part of the 10,000 examples a run makes (README)
@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=6))
def test_shares_sum_to_100_and_stay_within_a_point(counts: list[int]) -> None:
    shares = largest_remainder({str(i): c for i, c in enumerate(counts)})
    total = sum(counts)
    if total == 0:
        assert set(shares.values()) == {0}
        return
    for i, count in enumerate(counts):
        assert abs(shares[str(i)] - count * 100 / total) < 1
        # Equal counts print equal shares.
        assert all(shares[str(j)] == shares[str(i)] for j, other in enumerate(counts) if other == count)
    if len(set(counts)) == len(counts):  # no two equal: the shares make 100 exactly
        assert sum(shares.values()) == 100
    else:  # never more; short of it only by a group of equal counts left without its point
        assert 100 - len(counts) < sum(shares.values()) <= 100


# --- the four formats agree -----------------------------------------------------------------


def test_tidy_csv_holds_every_json_figure(example_db: Path) -> None:
    data = report_json(example_db, "2018")
    r = invoke(example_db, "report", "2018", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(rows[0]) == ["year", "section", "key", "metric", "value"]
    got = {(row["section"], row["key"], row["metric"]): row["value"] for row in rows}
    assert {row["year"] for row in rows} == {"2018"}
    for kind, block in data["organisations"].items():
        for metric, value in block.items():
            assert got[("organisations", kind, metric)] == str(value)
    for band, value in data["ratings"]["percent"].items():
        assert got[("bands", band, "percent")] == str(value)
    for program, block in data["support"].items():
        assert got[("support", program, "amount_vnd")] == str(block["amount_vnd"])
    for name, blocks in data["districts"].items():
        for kind, block in blocks.items():
            assert got[(f"districts/{name}", kind, "active")] == str(block["active"])
    assert len(rows) == len(got)  # no figure written twice


def markdown_rows(text: str) -> dict[str, list[str]]:
    rows = {}
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith("|--"):
            cells = [c.strip().strip("*") for c in line.strip("|").split(" | ")]
            rows.setdefault(cells[0], cells[1:])
    return rows


def test_markdown_and_table_agree_with_json(example_db: Path) -> None:
    data = report_json(example_db, "2018")
    md = invoke(example_db, "report", "2018", "--format", "markdown").stdout
    assert md.startswith("# The development of the collective economy in 2018\n")
    rows = markdown_rows(md)
    cooperative = data["organisations"]["cooperative"]
    assert rows["Hợp tác xã"][:3] == [str(cooperative["active"]), str(cooperative["new"]), "0"]
    assert rows["Hợp tác xã"][3] == "+29"
    assert rows["Hiệu quả (tốt + khá)"][:2] == ["43", "29%"]
    assert rows["Trung bình"][:2] == ["94", "63%"]
    # A band's grades marked as its parts ("- Tốt"), Markdown keeping no indent: 43 = 10 + 33.
    assert (rows["- Tốt"][0], rows["- Khá"][0]) == ("10", "33") and "Tốt" not in rows
    assert rows["Credit (loans disbursed)"][-1] == "1.620.000.000"
    # The terminal table is drawn from the same cells: every Markdown row appears in it, in order.
    table = invoke(example_db, "report", "2018").stdout
    lines = table.splitlines()
    for label, cells in rows.items():
        label = label.removeprefix("- ")  # a terminal indents a band's grades
        matching = [line for line in lines if line.strip().startswith(label)]
        # A terminal wraps a header of words: "Members" over "(registered)", "Change on" over "2017".
        cells = [cell for cell in cells if " " not in cell]
        assert any(_in_order(line, cells) for line in matching), label


def _in_order(line: str, cells: list[str]) -> bool:
    position = 0
    for cell in cells:
        found = line.find(cell, position)
        if found < 0:
            return False
        position = found + len(cell)
    return True


# --- ranges, comparison, districts, output files --------------------------------------------


def test_range_gives_one_object_per_year(example_db: Path) -> None:
    data = report_json(example_db, "2016..2018")
    assert [r["year"] for r in data] == [2016, 2017, 2018]
    single = report_json(example_db, "2017")
    assert data[1] == single
    table = invoke(example_db, "report", "2016..2018").stdout
    header = next(line for line in table.splitlines() if line.split()[-3:] == ["2016", "2017", "2018"])
    assert header.split()[0] == "Figures"


def test_compare_adds_the_year_before_and_the_change(example_db: Path) -> None:
    data = report_json(example_db, "2018", "--compare")
    assert data["previous"] == report_json(example_db, "2017")
    table = invoke(example_db, "report", "2018", "--compare").stdout
    line = line_beneath(table, "Hợp tác xã", "Active")
    assert line.split()[-3:] == ["120", "149", "+29"]
    rows = list(
        csv.DictReader(io.StringIO(invoke(example_db, "report", "2018", "--compare", "-f", "csv").stdout))
    )
    assert sorted({row["year"] for row in rows}) == ["2017", "2018"]


def test_district_filter_ignores_accents(example_db: Path) -> None:
    whole = report_json(example_db, "2018")
    one = report_json(example_db, "2018", "--district", "BA BE")
    assert one["district"] == "Ba Bể"
    assert list(one["districts"]) == ["Ba Bể"]
    assert (
        one["organisations"]["cooperative"]["active"] == whole["districts"]["Ba Bể"]["cooperative"]["active"]
    )
    assert one["support"]["outreach"]["records"] == 0  # province-wide support belongs to no district
    assert [m["name"] for m in one["new_model"]] == ["HTX Chè Mỹ Phương"]


def test_unknown_district_is_one_line_naming_the_known_ones(example_db: Path) -> None:
    r = invoke(example_db, "report", "2018", "--district", "Hà Nội")
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.count("\n") == 1
    assert r.stderr.startswith("Error: --district: 'Hà Nội' is not a district") and "Bạch Thông" in r.stderr


@pytest.mark.parametrize(
    ("name", "first"),
    [("r.json", "{"), ("r.csv", "year,section"), ("r.md", "# "), ("r.txt", "The development")],
)
def test_output_file_format_follows_its_extension(
    example_db: Path, tmp_path: Path, name: str, first: str
) -> None:
    target = tmp_path / name
    r = invoke(example_db, "report", "2018", "-o", str(target))
    assert r.exit_code == 0 and r.stdout == ""
    assert str(target) in r.stderr
    assert target.read_text(encoding="utf-8").startswith(first)
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left behind


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("2018", "-o", "r.xls"), "--output"),
        (("20x8",), "year"),
        (("2020..2016",), "year"),
        (("1800",), "year"),
    ],
)
def test_bad_arguments_are_one_line(example_db: Path, args: tuple[str, ...], field: str) -> None:
    before = snapshot(example_db)
    r = invoke(example_db, "report", *args)
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.startswith(f"Error: {field}: ") and r.stderr.count("\n") == 1
    assert snapshot(example_db) == before


def test_empty_registry_reports_zeros(htx: Callable[..., Run]) -> None:
    assert htx("db", "upgrade").exit_code == 0  # made, and left empty
    r = htx("report", "2018", "--format", "json")
    data = json.loads(r.stdout)
    assert data["ratings"]["percent"] == {"effective": 0, "average": 0, "weak": 0}
    assert data["districts"] == {} and data["new_model"] == []
    assert htx("report", "2018").exit_code == 0


@pytest.mark.parametrize(
    ("text", "years"),
    [("2018", [2018]), (" 2016..2018 ", [2016, 2017, 2018]), ("2018..2018", [2018])],
)
def test_parse_years(text: str, years: list[int]) -> None:
    assert parse_years("year", text) == years


@pytest.mark.parametrize("text", ["", "2018..", "..2018", "2019..2018", "1900..2100", "abc", "2018.5"])
def test_parse_years_refuses(text: str) -> None:
    with pytest.raises(InvalidValue):
        parse_years("year", text)


def test_only_the_rated_kinds_ratings_are_counted(registry: Callable[..., Run]) -> None:
    """The report gives its ratings as "N HTX được xếp loại": a group's or a credit fund's rating is
    kept (the State Bank rates credit funds under its own rules) but not counted among them."""
    htx = registry
    assert htx("add", "Quỹ tín dụng nhân dân Chợ Rã", "--code", "QTD-01", "--kind", "QTDND",
               "--founded", "2010-01-05").exit_code == 0  # fmt: skip
    for code, grade in (("0470012345", "tốt"), ("THT-07", "tốt"), ("QTD-01", "khá")):
        assert htx("rate", code, "2018", grade).exit_code == 0
    ratings = json.loads(htx("report", "2018", "--format", "json").stdout)["ratings"]
    assert (ratings["rated"], ratings["bands"]["effective"], ratings["grades"]["good"]) == (1, 1, 1), ratings
    assert "Trong số 1 HTX được xếp loại" in htx("--lang", "vi", "report", "2018", "--format", "text").stdout


def test_not_rated_counts_the_cooperatives_still_awaiting_the_years_rating(
    registry: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`unrated` stays the grade recorded ("chưa xếp loại"); `not_rated` counts the active
    cooperatives (and unions) with no rating record for the year at all: groups are not rated."""
    htx = registry  # two cooperatives and a group, none rated for 2018
    monkeypatch.setenv("COLUMNS", "160")

    def ratings(year: str) -> dict[str, Any]:
        r = json.loads(htx("report", year, "--format", "json").stdout)["ratings"]
        assert list(r)[:3] == ["rated", "unrated", "not_rated"]
        return dict(r)

    assert [ratings("2018")[k] for k in ("rated", "unrated", "not_rated")] == [0, 0, 2]
    assert htx("rate", "4700284512", "2018", "chưa xếp loại").exit_code == 0
    assert [ratings("2018")[k] for k in ("unrated", "not_rated")] == [1, 1]
    assert htx("rate", "0470012345", "2018", "tốt").exit_code == 0
    assert [ratings("2018")[k] for k in ("rated", "unrated", "not_rated")] == [1, 1, 0]
    assert ratings("2019")["not_rated"] == 2
    # Dissolved before the period's end: no longer awaited.
    assert htx("dissolve", "4700284512", "--on", "01/06/2019").exit_code == 0
    assert ratings("2019")["not_rated"] == 1
    out = htx("report", "2018").stdout
    assert "1 rated, 1 graded unrated" in out and "No rating result" not in out
    assert "No rating result for 2019 yet: 1" in htx("report", "2019", "--format", "markdown").stdout
    text = htx("report", "2019", "--format", "text").stdout
    assert "No rating result for 2019 yet: 1 cooperative." in text
    assert "2018,ratings,not_rated,count,0" in htx("report", "2018", "--format", "csv").stdout
    assert "| No rating result yet | 0 | 1 |" in htx("report", "2018..2019", "--format", "markdown").stdout
    words = htx("--lang", "vi", "report", "2019").stdout.split()  # a narrow table wraps its caption
    assert "Còn 1 HTX chưa có kết quả đánh giá năm 2019" in " ".join(words)


@pytest.mark.parametrize("columns", [80, 100])
def test_a_narrow_terminal_wraps_headers_and_never_cuts_a_label_or_a_figure(
    example_db: Path, columns: int
) -> None:
    """At 100 columns the kinds' labels were cut to nothing and the capital to "227.450.000.00…"; at
    80 the programs' names went one word a line. Headers wrap instead, and every figure stays whole."""
    shown = on_a_terminal(example_db, columns, "--lang", "vi", "report", "2018")
    lines = shown.splitlines()
    assert max(map(len, lines)) <= columns, shown
    assert "…" not in shown, shown
    data = report_json(example_db, "2018")
    capital = data["organisations"]["cooperative"]["capital_vnd"]
    row = next(line for line in lines if line.strip().startswith("Hợp tác xã "))
    assert row.split()[-1] == f"{capital:,}".replace(",", "."), row
    for label in ("Tổ hợp tác", "Liên hiệp HTX", "Tuyên truyền", "Nguồn nhân lực", "Tổng cộng"):
        assert any(line.strip().startswith(label) for line in lines), (label, shown)
    if columns == 100:  # room enough: a note in brackets is never split ("(đăng" over "ký)")
        assert "(đăng\n" not in shown.replace(" ", "") and "(còn\n" not in shown.replace(" ", ""), shown
        assert "(còn đăng ký)" in next(line for line in lines if "Loại hình" in line), shown


def test_at_80_columns_a_header_keeps_a_few_words_a_line(example_db: Path) -> None:
    """At 80 columns Biểu 1's change column was headed a word a line, seven lines ("Tăng / (+), / giảm
    / (−) so / với / năm / 2017") and "(còn / đăng / ký)" split: the columns are set closer instead,
    and no header takes more than four lines nor splits its bracketed note."""
    shown = on_a_terminal(example_db, 80, "--lang", "vi", "report", "2018")
    lines = shown.splitlines()
    assert max(map(len, lines)) <= 80, shown
    title = lines.index("Số lượng tổ chức kinh tế tập thể đến cuối năm 2018")
    header = lines[title + 2 : lines.index(next(line for line in lines[title:] if "────" in line))]
    assert len(header) <= 4, shown
    assert "(còn đăng ký)" in "\n".join(header), shown
    assert "Tăng (+)," in header[0], shown
    row = next(line for line in lines if line.strip().startswith("Hợp tác xã "))
    assert row.split()[-1] == "227.450.000.000", row


def test_a_tables_title_wraps_at_the_pages_width_not_the_tables(example_db: Path) -> None:
    """A title is printed above its table, not in it: in the table it wrapped at the table's width,
    leaving its last word alone ("… 2016 and" over "2017")."""
    text = invoke(example_db, "report", "2016..2017").stdout
    assert "Support for the development of the collective economy, 2016 and 2017\n" in text, text
    assert "\n2017 " not in text
