"""Yearly figures (issue 22): recorded with `htx figures`, shown year by year, imported and exported in
the figures contract (CSV and xlsx, English or Vietnamese headers, a header's money unit honoured), slips
warned at entry and listed by `db check`, history and undo."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from htxcli.domain.batch import PROBLEMS_JOINT
from htxcli.domain.errors import HtxError
from htxcli.domain.figures import FIGURE_FIELDS, figure_row, parse_figure_batch, parse_income
from tests.conftest import (
    EXAMPLE,
    drop_database,
    fresh_database,
    invoke,
    load_example,
    newest_entry,
    snapshot,
)

pytestmark = pytest.mark.both_backends

FIGURES_CSV = EXAMPLE / "figures.csv"
HEADER = ",".join(FIGURE_FIELDS)


def years_of(htx: Any, code: str) -> dict[str, dict[str, Any]]:
    r = htx("figures", code, "-f", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)["years"]  # type: ignore[no-any-return]


# --- entering --------------------------------------------------------------------------------------


def test_figures_are_recorded_as_typed_and_others_kept(registry: Any) -> None:
    r = registry(
        "figures", "0470012345", "2018", "--revenue", "2,5 tỷ", "--profit", "180 triệu", "--workers", "12",
        "--members", "35", "--income", "5,5 triệu/tháng", "--ocop-3", "1", "--high-tech", "có",
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    assert r.stderr == (
        "Recorded the 2018 figures of 0470012345: --members, --workers, --revenue, --profit, --income,"
        " --ocop-3, --high-tech\n"
    )
    r = registry("figures", "0470012345", "2018", "--doanh-thu", "2.600.000.000", "--cong-nghe-cao", "không")
    assert r.exit_code == 0, r.stderr
    # Named as typed: the Vietnamese aliases the clerk used, not their English twins.
    assert r.stderr == "Changed the 2018 figures of 0470012345: --doanh-thu, --cong-nghe-cao\n"
    year = years_of(registry, "0470012345")["2018"]
    assert year["revenue_vnd"] == 2_600_000_000 and year["profit_vnd"] == 180_000_000
    assert year["income_vnd_per_year"] == 66_000_000  # per month as typed, stored per year
    assert year["workers"] == 12 and year["members"] == 35 and year["ocop_3"] == 1
    assert year["high_tech"] is False
    # Not reported is not zero.
    assert year["tax_vnd"] is None and year["ocop_4"] is None and year["value_chain"] is None
    r = registry("figures", "0470012345", "2018", "--tax", "")
    assert r.stderr == "The 2018 figures of 0470012345 are already so: nothing changed\n"


@pytest.mark.parametrize(
    ("typed", "per_year"),
    [
        ("5,5 triệu/tháng", 66_000_000),
        ("64 triệu/năm", 64_000_000),
        ("66000000 per year", 66_000_000),
        ("5.500.000 đồng/người/tháng", 66_000_000),
        ("5 triệu per month", 60_000_000),
    ],
)
def test_an_income_per_month_or_year_is_stored_per_year(typed: str, per_year: int) -> None:
    assert parse_income("income", typed) == per_year


def test_a_bare_income_is_refused_as_ambiguous(registry: Any, db_path: Path) -> None:
    before = snapshot(db_path)
    r = registry("figures", "0470012345", "2018", "--income", "5,5 triệu", "--workers", "3")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: --income: '5,5 triệu' says neither per month nor per year")
    assert snapshot(db_path) == before


@pytest.mark.parametrize(
    ("option", "value", "problem"),
    [
        ("--workers", "1,5", "--workers: '1,5' is not a whole number"),
        ("--high-tech", "có lẽ", "--high-tech: 'có lẽ' is not yes or no"),
        ("--revenue", "-5 triệu", "--revenue: '-5 triệu' must not be negative"),
        ("--ocop-4", "-1", "--ocop-4: '-1' must not be negative"),
    ],
)
def test_bad_values_name_the_option_and_write_nothing(
    registry: Any, db_path: Path, option: str, value: str, problem: str
) -> None:
    before = snapshot(db_path)
    r = registry("figures", "0470012345", "2018", option, value)
    assert r.exit_code == 1 and r.stderr.startswith(f"Error: {problem}"), r.stderr
    assert snapshot(db_path) == before


def test_a_loss_is_a_negative_profit(registry: Any) -> None:
    assert registry("figures", "0470012345", "2018", "--profit", "-50 triệu").exit_code == 0
    assert years_of(registry, "0470012345")["2018"]["profit_vnd"] == -50_000_000


def test_a_year_outside_the_life_is_refused_as_for_ratings(registry: Any, db_path: Path) -> None:
    before = snapshot(db_path)
    r = registry("figures", "4700284512", "2014", "--workers", "3")
    assert r.exit_code == 1 and r.stderr == "Error: year: 2014 is before the founding year 2015\n"
    r = registry("figures", "4700284512", "2018")  # no figures to record: that year's are shown
    assert r.exit_code == 0 and r.stderr == "No figures recorded for 4700284512 in 2018.\n"
    assert snapshot(db_path) == before


def test_the_years_side_by_side(registry: Any) -> None:
    registry("figures", "0470012345", "2017", "--revenue", "2 tỷ", "--workers", "10")
    registry("figures", "0470012345", "2018", "--revenue", "2,5 tỷ", "--value-chain", "yes")
    r = registry("figures", "0470012345", "-f", "csv")
    lines = r.stdout.splitlines()
    assert lines[0] == "field,2017,2018"
    assert "revenue_vnd,2000000000,2500000000" in lines
    assert "workers,10," in lines and "value_chain,,yes" in lines
    table = registry("figures", "0470012345").stdout
    assert "2.500.000.000 ₫" in table and "2017" in table and "Revenue" in table and "–" in table


# --- slips ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "warning"),
    [
        (("--revenue", "100 triệu", "--profit", "200 triệu"), "--profit: '200.000.000 ₫' is larger than"),
        (("--income", "150 triệu/tháng"), "--income: '1.800.000.000 ₫' is over 100 triệu đồng a month"),
        (("--income", "500 nghìn/năm"), "--income: '500.000 ₫' is under 1 triệu đồng a year"),
        (("--revenue", "200.000 tỷ"), "--revenue: '200.000.000.000.000 ₫' is over 100.000 tỷ đồng"),
        (("--members", "5", "--member-workers", "8"), "--members: '5' are fewer than the workers who are"),
    ],
)  # fmt: skip
def test_slips_are_recorded_with_a_warning_and_listed_by_db_check(
    registry: Any, args: tuple[str, ...], warning: str
) -> None:
    r = registry("figures", "0470012345", "2018", *args)
    assert r.exit_code == 0, r.stderr
    assert f"Warning: {warning}" in r.stderr
    assert r.stderr.count("Warning:") == 1
    check = registry("db", "check")
    assert "figures: 0470012345 2018: " in check.stdout
    # Named as the clerk reads the figure, never by its column (profit_vnd, revenue_vnd, members).
    field = {"--profit": "Pre-tax profit", "--income": "Average income a year", "--revenue": "Revenue"}
    assert f"figures: 0470012345 2018: {field.get(warning.split(':')[0], 'Members')}: '" in check.stdout, (
        check.stdout
    )
    assert "_vnd" not in check.stdout and "members:" not in check.stdout


def test_ten_times_the_year_before_is_a_slip(registry: Any) -> None:
    registry("figures", "0470012345", "2017", "--revenue", "250 triệu")
    r = registry("figures", "0470012345", "2018", "--revenue", "2,5 tỷ")
    assert (
        "Warning: --revenue: '2.500.000.000 ₫' is ten times or more the year 2017's (250.000.000 ₫)"
        in r.stderr
    )
    assert "is ten times or more the year 2017's" in registry("db", "check").stdout
    r = registry("figures", "0470012345", "2018", "--revenue", "2,6 tỷ", "--workers", "3")
    assert r.stderr.count("Warning:") == 1  # still a slip, said again
    r = registry("figures", "0470012345", "2018", "--revenue", "300 triệu")
    assert "Warning" not in r.stderr
    assert "figures:" not in registry("db", "check").stdout


def test_a_tenth_of_the_year_before_is_a_slip(registry: Any) -> None:
    """A month's income typed as a year's: 6 triệu/năm after 66 triệu/năm. Said at entry and listed by
    db check (whose SQL finds the pair); a count that falls to 0 is no slip."""
    registry("figures", "0470012345", "2017", "--income", "66 triệu/năm", "--ocop-3", "2")
    r = registry("figures", "0470012345", "2018", "--income", "6 triệu/năm", "--ocop-3", "0")
    assert "Warning: --income: '6.000.000 ₫' is a tenth or less of the year 2017's (66.000.000 ₫)" in r.stderr
    assert r.stderr.count("Warning:") == 1, r.stderr
    assert "is a tenth or less of the year 2017's" in registry("db", "check").stdout
    r = registry("--lang", "vi", "figures", "0470012345", "2018", "--income", "5,5 triệu/tháng")
    assert "Cảnh báo" not in r.stderr, r.stderr
    assert "figures:" not in registry("db", "check").stdout


# --- history and undo -----------------------------------------------------------------------------


def test_undo_of_a_figures_command(registry: Any) -> None:
    registry("figures", "0470012345", "2018", "--revenue", "2 tỷ", "--workers", "10")
    registry("figures", "0470012345", "2018", "--revenue", "3 tỷ")
    r = registry("undo", "--yes")
    assert r.stderr.endswith("the 2018 figures of 0470012345 are as they were\n"), r.stderr
    assert years_of(registry, "0470012345")["2018"]["revenue_vnd"] == 2_000_000_000
    r = registry("undo", "--yes")
    assert r.stderr.endswith("the 2018 figures of 0470012345 were removed\n"), r.stderr
    assert years_of(registry, "0470012345") == {}
    assert "0470012345 2018 figures" in registry("history", "0470012345").stdout


# --- interchange ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def figures_db(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path | str]:
    """The example registry with its figures; tests must not change it."""
    db = fresh_database(backend, tmp_path_factory.mktemp("figures"))
    load_example(db)
    r = invoke(db, "import", "figures", str(FIGURES_CSV))
    assert r.exit_code == 0, r.stderr
    assert "Warning" not in r.stderr
    yield db
    drop_database(db)


def test_the_example_figures_round_trip_byte_for_byte(figures_db: Path | str) -> None:
    exported = invoke(figures_db, "export", "figures").stdout
    assert exported == FIGURES_CSV.read_text(encoding="utf-8")
    rows = [line.split(",") for line in exported.splitlines()[1:]]
    assert any(row[FIGURE_FIELDS.index("revenue_vnd")] == "" for row in rows)  # not reported stays empty
    assert {row[1] for row in rows} == {"2017", "2018"}


def test_export_import_export_is_byte_identical_csv_and_xlsx(
    figures_db: Path | str, databases: Any, tmp_path: Path
) -> None:
    first = invoke(figures_db, "export", "figures").stdout
    book = tmp_path / "figures.xlsx"
    assert invoke(figures_db, "export", "figures", "--headers", "vi", "-o", str(book)).exit_code == 0
    csv_vi = tmp_path / "vi.csv"
    csv_vi.write_text(invoke(figures_db, "export", "figures", "--headers", "vi").stdout, encoding="utf-8")
    assert csv_vi.read_text(encoding="utf-8").startswith("Mã số,Năm,Số thành viên,Thành viên liên kết")
    for source in (book, csv_vi):
        other = databases()
        assert invoke(other, "import", "cooperatives", str(EXAMPLE / "cooperatives.csv")).exit_code == 0
        r = invoke(other, "import", "figures", str(source))
        assert r.exit_code == 0, r.stderr
        assert invoke(other, "export", "figures").stdout == first, source
        again = tmp_path / f"again-{source.name}.xlsx"
        invoke(other, "export", "figures", "--headers", "vi", "-o", str(again))
        rows = first.count("\n") - 1
        assert invoke(other, "import", "figures", str(again)).stderr.endswith(
            f"0 new, 0 changed, {rows} unchanged\n"
        )


def test_vietnamese_headers_in_trieu_dong_are_scaled(htx: Any, tmp_path: Path) -> None:
    from openpyxl import Workbook

    htx("import", "cooperatives", str(EXAMPLE / "cooperatives.csv"))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["BÁO CÁO KẾT QUẢ HOẠT ĐỘNG CỦA HTX NĂM 2018"])
    sheet.append([])
    sheet.append(
        [
            "STT",
            "Mã số thuế",
            "Năm",
            "Doanh thu (triệu đồng)",
            "Lợi nhuận (trước thuế) (triệu đồng)",
            "Thu nhập bình quân (triệu đồng/người/tháng)",
            "Vốn điều lệ (tỷ đồng)",
            "Số lao động thường xuyên",
            "Liên kết chuỗi giá trị",
        ]
    )
    sheet.append([1, "4700257731", 2018, 2839.5, -12.5, 5.5, 1.2, 12, "có"])
    sheet.append([2, "4700186529", 2018, "150", None, None, None, None, "không"])
    sheet.append(["Tổng cộng", None, None, 2989.5])
    book.save(tmp_path / "bao-cao.xlsx")
    r = htx("import", "figures", str(tmp_path / "bao-cao.xlsx"))
    assert r.exit_code == 0, r.stderr
    rows = htx("export", "figures").stdout.splitlines()
    assert rows[1:] == [
        "4700186529,2018,,,,,,,,,150000000,,,,,,,,no,",
        "4700257731,2018,,,,12,,,1200000000,,2839500000,-12500000,,66000000,,,,,yes,",
    ]


def test_an_income_header_must_say_its_period(htx: Any, tmp_path: Path) -> None:
    htx("import", "cooperatives", str(EXAMPLE / "cooperatives.csv"))
    path = tmp_path / "thu-nhap.csv"
    path.write_text("Mã số;Năm;Thu nhập bình quân\n4700257731;2018;5500000\n", encoding="utf-8")
    r = htx("import", "figures", str(path))
    assert r.exit_code == 1
    assert "Thu nhập bình quân: does not say whether the income is per month or per year" in r.stderr
    path.write_text("Mã số,Năm,Doanh thu (USD)\n4700257731,2018,1\n", encoding="utf-8")
    assert "the unit 'USD' is not đồng" in htx("import", "figures", str(path)).stderr


def test_import_is_all_or_nothing_with_dry_run_and_rejects(htx: Any, db_path: Path, tmp_path: Path) -> None:
    htx("import", "cooperatives", str(EXAMPLE / "cooperatives.csv"))
    path = tmp_path / "figures.csv"
    path.write_text(
        f"{HEADER}\n"
        "4700257731,2018,35,,,12,,,,,2500000000,,,,,,,yes,,\n"
        "4700257731,2013,35,,,12,,,,,,,,,,,,,,\n"  # before the founding year
        "9999999999,2018,1,,,,,,,,,,,,,,,,,\n"
        "4700186529,2018,,,,,,,,,1.5,,,,,,,,,\n",
        encoding="utf-8",
    )
    before = snapshot(db_path)
    r = htx("import", "figures", str(path))
    assert r.exit_code == 1
    assert f"{path}:3: year: 2013 is before the founding year 2014" in r.stderr
    assert f"{path}:4: code: '9999999999' is not in the registry" in r.stderr
    assert f"{path}:5: revenue_vnd: '1.5' is ambiguous" in r.stderr
    assert snapshot(db_path) == before
    assert (
        htx("import", "figures", str(path), "--dry-run", "--rejects", str(tmp_path / "bad.csv")).exit_code
        == 1
    )
    assert snapshot(db_path) == before
    r = htx("import", "figures", str(path), "--rejects", str(tmp_path / "bad.csv"))
    assert "figures: 1 new, 0 changed, 0 unchanged, 3 rejected" in r.stderr
    assert (tmp_path / "bad.csv").read_text(encoding="utf-8").count("\n") == 4


def test_a_file_of_some_columns_keeps_the_others_and_undo_restores(htx: Any, tmp_path: Path) -> None:
    htx("import", "cooperatives", str(EXAMPLE / "cooperatives.csv"))
    assert htx("import", "figures", str(FIGURES_CSV)).exit_code == 0
    before = htx("export", "figures").stdout
    path = tmp_path / "revenue.csv"
    path.write_text("code,year,revenue_vnd\n4700257731,2018,\n4700257731,2016,5000000\n", encoding="utf-8")
    r = htx("import", "figures", str(path))
    entry = newest_entry(htx)
    assert r.exit_code == 0 and r.stderr.endswith(
        f"figures: 1 new, 1 changed, 0 unchanged (history entry {entry}; htx undo reverts it)\n"
    ), r.stderr
    after = json.loads(htx("figures", "4700257731", "-f", "json").stdout)["years"]
    assert after["2018"]["revenue_vnd"] is None and after["2018"]["workers"] is not None
    assert after["2016"]["revenue_vnd"] == 5_000_000 and after["2016"]["workers"] is None
    r = htx("undo", "--yes")
    assert "removed 1 year of figures it added and restored 1 year of figures it changed" in r.stderr, (
        r.stderr
    )
    assert htx("export", "figures").stdout == before
    r = htx("undo", "--yes")  # the example's figures
    assert htx("export", "figures").stdout.count("\n") == 1


def test_import_warns_of_slips_with_their_line(htx: Any, tmp_path: Path) -> None:
    htx("import", "cooperatives", str(EXAMPLE / "cooperatives.csv"))
    path = tmp_path / "figures.csv"
    path.write_text(
        "code,year,revenue_vnd,profit_vnd,income_vnd_per_year\n"
        "4700257731,2017,250000000,20000000,60000000\n"
        "4700257731,2018,2500000000,20000000,60000000\n"
        "4700186529,2018,100000000,200000000,6000000000\n",
        encoding="utf-8",
    )
    r = htx("import", "figures", str(path))
    assert r.exit_code == 0, r.stderr
    assert (
        f"{path}:3: warning: revenue_vnd: '2.500.000.000 ₫' is ten times or more the year 2017's" in r.stderr
    )
    assert f"{path}:4: warning: profit_vnd: '200.000.000 ₫' is larger than the revenue" in r.stderr
    assert f"{path}:4: warning: income_vnd_per_year: '6.000.000.000 ₫' is over 100 triệu" in r.stderr
    assert "rows with warnings: 2" in r.stderr  # rows 3 and 4; row 4 has two


def test_db_copy_copies_the_figures(figures_db: Path | str, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    r = invoke(figures_db, "db", "copy", "--to", str(copy))
    assert r.exit_code == 0, r.stderr
    assert invoke(copy, "export", "figures").stdout == FIGURES_CSV.read_text(encoding="utf-8")


# --- the row parser and the batch parser agree --------------------------------------------------------

_cells = st.one_of(
    st.just(""),
    st.integers(0, 10**12).map(str),
    st.sampled_from(["1.500.000", "2,5 tỷ", "-5", "1,5", "abc", "có", "không", "yes", "no", "x", " 7 "]),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(_cells, min_size=len(FIGURE_FIELDS) - 2, max_size=len(FIGURE_FIELDS) - 2), max_size=8)
)
def test_the_batch_parser_agrees_with_the_row_parser(cells: list[list[str]]) -> None:
    header = list(FIGURE_FIELDS)
    rows = [["4700257731", "2018", *row] for row in cells]
    batch = parse_figure_batch(header, rows).results(len(rows))
    for row, got in zip(rows, batch, strict=True):
        try:
            expected: Any = figure_row(dict(zip(header, row, strict=True)))
        except HtxError as e:
            expected = e
        if isinstance(expected, HtxError):
            # Every bad cell of a row: joined for the import to label each (rowsource.labelled).
            assert isinstance(got, HtxError) and str(got).replace(PROBLEMS_JOINT, "; ") == str(expected)
        else:
            assert got == expected
