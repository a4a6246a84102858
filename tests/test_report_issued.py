"""The report as issued (issue 24, items 2 and 3): `--issue` keeps the signed report, `--as-issued`
prints it again byte for byte whatever changed since, `--issued` lists them, and the history, undo,
backups and `db copy` keep them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import drop_database, fresh_database, invoke, load_example

pytestmark = pytest.mark.both_backends

NUMBER = "01/BC-SKHĐT"
LAYOUTS = ("json", "table", "markdown", "text", "csv", "html")


@pytest.fixture
def example(backend: str, tmp_path: Path) -> Any:
    db = fresh_database(backend, tmp_path)
    load_example(db)
    yield db
    drop_database(db)


def issue(db: Path | str, *args: str) -> Any:
    return invoke(db, "report", "2018", "--issue", "--number", NUMBER, "--on", "16/11/2018", *args)


def docx_text(db: Path | str, path: Path, *args: str) -> str:
    from docx import Document

    r = invoke(db, "report", "2018", *args, "-o", str(path), "--force")
    assert r.exit_code == 0, r.stderr
    doc = Document(str(path))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([*(p.text for p in doc.paragraphs), *cells])


def test_the_issued_report_is_reprinted_as_it_was_in_every_layout(
    example: Path | str, tmp_path: Path
) -> None:
    issued = issue(example, "--format", "json", "--despite-findings")
    assert issued.exit_code == 0, issued.stderr
    live = invoke(example, "report", "2018", "--format", "json").stdout
    assert issued.stdout == live  # issuing prints the report, as the report prints it
    assert "Issued report 01/BC-SKHĐT of 2018-11-16: htx report 2018 --as-issued prints it" in issued.stderr
    before = {f: invoke(example, "report", "2018", "--as-issued", "--format", f).stdout for f in LAYOUTS}
    assert before["json"] == live
    assert before["table"] == invoke(example, "report", "2018").stdout
    assert before["markdown"] == invoke(example, "report", "2018", "--format", "markdown").stdout
    word = docx_text(example, tmp_path / "then.docx", "--as-issued")
    assert "…………, 2018-11-16" in word  # the date line is the issue's, not today's
    # A dissolution back-dated into 2018, and a changed rating.
    assert invoke(example, "dissolve", "4700100000", "--on", "01/06/2018").exit_code == 0
    assert invoke(example, "rate", "4700101733", "2018", "tốt").exit_code == 0
    now = json.loads(invoke(example, "report", "2018", "--format", "json").stdout)
    assert now["totals"]["organisations"]["dissolved"] == 1
    assert now["ratings"]["bands"]["effective"] == 44
    for layout in LAYOUTS:
        again = invoke(example, "report", "2018", "--as-issued", "--format", layout)
        assert (again.exit_code, again.stdout) == (0, before[layout]), layout
    assert docx_text(example, tmp_path / "now.docx", "--as-issued") == word
    kept = json.loads(before["json"])
    assert kept["ratings"]["percent"] == {"effective": 29, "average": 63, "weak": 8}
    assert kept["ratings"]["rated"] == 149
    assert kept["totals"]["organisations"]["dissolved"] == 0


def test_the_settings_in_force_are_kept_with_it(example: Path | str) -> None:
    assert invoke(example, "settings", "office", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ").exit_code == 0
    r = issue(example, "--despite-findings", "--period-start", "15/12", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["period"] == {"from": "2017-12-15", "to": "2018-12-14"}
    from sqlalchemy import create_engine, text

    url = str(example) if "://" in str(example) else f"sqlite:///{example}"
    engine = create_engine(url)
    try:
        with engine.connect() as con:
            row = con.execute(
                text("SELECT settings, period_first, history_position FROM issued_report")
            ).one()
    finally:
        engine.dispose()
    assert json.loads(row[0]) == {
        "office": "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
        "parent-body": None,
        "period-start": "15/12",
        "province": None,
        "signer-title": None,
        "signer": None,
        "recipients": None,
    }
    assert str(row[1]) == "2017-12-15"
    assert row[2] == json.loads(invoke(example, "history", "--format", "json").stdout)[1]["id"]
    # Printed again as issued, with its own period, whatever the setting says now.
    assert invoke(example, "report", "2018", "--as-issued", "--format", "json").stdout == r.stdout


def test_issuing_is_refused_while_the_check_finds_something(example: Path | str) -> None:
    assert invoke(example, "edit", "4700100000", "--district", "").exit_code == 0
    r = issue(example)
    assert r.exit_code == 1
    assert "no district" in r.stderr
    assert "--despite-findings" in r.stderr
    assert "(above; htx report 2018 --check)" in r.stderr  # the command to type, not "htx report …"
    assert invoke(example, "report", "--issued", "--format", "json").stdout == "[]\n"
    r = issue(example, "--despite-findings", "--format", "json")
    assert r.exit_code == 0, r.stderr
    listed = json.loads(invoke(example, "report", "--issued", "--format", "json").stdout)
    assert [(x["number"], x["date"], x["years"], x["replaces"]) for x in listed] == [
        (NUMBER, "2018-11-16", "2018", None)
    ]


def test_one_report_per_year_and_filters_unless_it_replaces_one(example: Path | str) -> None:
    assert issue(example).exit_code == 0
    again = invoke(example, "report", "2018", "--issue", "--number", "02/BC-SKHĐT", "--on", "20/11/2018")
    assert again.exit_code == 1
    assert "already issued as 01/BC-SKHĐT" in again.stderr
    assert "--replaces 01/BC-SKHĐT" in again.stderr
    # Another area is another report.
    ba_be = ("--district", "Ba Bể", "--issue", "--number", "03/BC-SKHĐT", "--on", "20/11/2018")
    area = invoke(example, "report", "2018", *ba_be)
    assert area.exit_code == 0 and "htx report 2018 --district 'Ba Bể' --as-issued" in area.stderr
    # The same number twice is refused.
    taken = invoke(example, "report", "2017", "--issue", "--number", NUMBER, "--on", "20/11/2018")
    assert taken.exit_code == 1 and "already issued" in taken.stderr
    assert invoke(example, "rate", "4700101733", "2018", "tốt").exit_code == 0
    # A replacement is dated no earlier than the report it replaces: refused in one line, nothing kept.
    early = (
        "report",
        "2018",
        "--issue",
        "--number",
        "02/BC-SKHĐT",
        "--on",
        "15/11/2018",
        "--replaces",
        NUMBER,
    )
    refused = invoke(example, "--lang", "vi", *early)
    assert refused.exit_code == 1 and refused.stdout == ""
    assert refused.stderr == (
        "Lỗi: --on: '15/11/2018' sớm hơn ngày của báo cáo được thay thế, số 01/BC-SKHĐT ngày 16/11/2018\n"
    )
    assert len(json.loads(invoke(example, "report", "--issued", "--format", "json").stdout)) == 2
    replaced = invoke(
        example,
        *("report", "2018", "--issue", "--number", "02/BC-SKHĐT", "--on", "20/11/2018"),
        *("--replaces", NUMBER, "--format", "json"),
    )
    assert replaced.exit_code == 0, replaced.stderr
    listed = json.loads(invoke(example, "report", "--issued", "--format", "json").stdout)
    assert [(x["number"], x["replaces"]) for x in listed] == [
        (NUMBER, None),
        ("03/BC-SKHĐT", None),
        ("02/BC-SKHĐT", NUMBER),
    ]
    table = invoke(example, "report", "--issued").stdout
    areas = {line.split()[1]: line for line in table.splitlines() if "BC-SKHĐT" in line}
    assert "toàn tỉnh" in areas[NUMBER] and "Ba Bể" in areas["03/BC-SKHĐT"], table  # not a blank area
    # The first cannot be undone while the one replacing it stands.
    entries = json.loads(invoke(example, "history", "--format", "json").stdout)
    first_entry = next(e for e in entries if e["summary"].get("number") == NUMBER)
    refused = invoke(example, "undo", str(first_entry["id"]), "--yes")
    assert refused.exit_code == 1 and "later changes touched the same records" in refused.stderr
    newest = invoke(example, "report", "2018", "--as-issued", "--format", "json").stdout
    assert newest == replaced.stdout
    of_2017 = invoke(example, "report", "2017", "--issued", "--format", "json")
    assert of_2017.stdout == "[]\n"
    of_2018 = json.loads(invoke(example, "report", "2018", "--issued", "--format", "json").stdout)
    assert [x["number"] for x in of_2018] == [NUMBER, "03/BC-SKHĐT", "02/BC-SKHĐT"]
    first = invoke(example, "report", "2018", "--as-issued", "--number", NUMBER, "--format", "json").stdout
    assert json.loads(first)["ratings"]["bands"]["effective"] == 43
    assert json.loads(newest)["ratings"]["bands"]["effective"] == 44
    wrong = invoke(example, "report", "2017", "--as-issued", "--number", NUMBER)
    assert wrong.exit_code == 1 and "--number" in wrong.stderr


def test_issuing_is_one_history_entry_and_its_undo_removes_the_record(example: Path | str) -> None:
    assert issue(example).exit_code == 0
    shown = json.loads(invoke(example, "history", "--format", "json").stdout)
    newest = shown[0]
    assert (newest["command"], newest["summary"]["number"]) == ("report issue", NUMBER)
    listed = invoke(example, "history", "--format", "csv").stdout.splitlines()[1]
    assert "report issue,report 2018 issued as 01/BC-SKHĐT of 2018-11-16," in listed
    organisations = invoke(example, "list", "--format", "csv").stdout
    r = invoke(example, "undo", "--yes")
    assert r.exit_code == 0, r.stderr
    assert "01/BC-SKHĐT is no longer recorded as issued" in r.stderr
    assert invoke(example, "report", "--issued", "--format", "json").stdout == "[]\n"
    assert invoke(example, "list", "--format", "csv").stdout == organisations
    missing = invoke(example, "report", "2018", "--as-issued")
    assert missing.exit_code == 1 and "no report of 2018" in missing.stderr


def test_the_issued_record_survives_other_undos_a_backup_and_a_copy(
    backend: str, example: Path | str, tmp_path: Path
) -> None:
    assert issue(example, "--despite-findings").exit_code == 0
    printed = invoke(example, "report", "2018", "--as-issued", "--format", "json").stdout
    assert invoke(example, "rate", "4700101733", "2018", "tốt").exit_code == 0
    assert invoke(example, "undo", "--yes").exit_code == 0  # the rating, not the issue
    assert invoke(example, "report", "2018", "--as-issued", "--format", "json").stdout == printed
    if backend == "sqlite":  # a server keeps its own backups (pg_dump)
        backup = tmp_path / "backup.db"
        assert invoke(example, "db", "backup", str(backup)).exit_code == 0
        assert invoke(backup, "report", "2018", "--as-issued", "--format", "json").stdout == printed
    copy = tmp_path / "copy.db"
    r = invoke(example, "db", "copy", "--to", str(copy))
    assert r.exit_code == 0, r.stderr
    assert invoke(copy, "report", "2018", "--as-issued", "--format", "json").stdout == printed
    assert (
        invoke(copy, "report", "--issued", "--format", "json").stdout
        == invoke(example, "report", "--issued", "--format", "json").stdout
    )


def test_the_options_of_issuing_go_together(example: Path | str, tmp_path: Path) -> None:
    r = invoke(example, "report", "2018", "--issue")
    assert r.exit_code == 1 and "--number" in r.stderr
    r = invoke(example, "report", "2018", "--number", NUMBER)
    assert r.exit_code == 1 and "only with --issue or --as-issued" in r.stderr
    r = invoke(example, "report", "2018", "--replaces", NUMBER)
    assert r.exit_code == 1 and "only with --issue" in r.stderr
    r = invoke(example, "report", "2018", "--issue", "--number", NUMBER, "--on", "16/11/2999")
    assert r.exit_code == 1 and "--on" in r.stderr
    r = invoke(example, "report")
    assert r.exit_code == 2
    assert issue(example, "--despite-findings").exit_code == 0
    book = invoke(example, "report", "2018", "--as-issued", "-o", str(tmp_path / "x.xlsx"))
    assert book.exit_code == 1 and "not kept with an issued report" in book.stderr
    assert invoke(example, "undo", "--yes").exit_code == 0
    assert invoke(example, "report", "--issued", "--format", "json").stdout == "[]\n"
    assert "No report has been issued yet" in invoke(example, "report", "--issued").stderr


def test_what_changed_since_names_the_changed_groups_and_the_history_entries(example: Path | str) -> None:
    assert issue(example, "--despite-findings").exit_code == 0
    same = invoke(example, "report", "2018", "--since-issued")
    assert same.stdout.splitlines()[1:] == ["No figure differs.", "History entries since it was issued: 0"]
    assert "Differs from the issued report" not in invoke(example, "report", "2018").stderr
    assert invoke(example, "dissolve", "4700100000", "--on", "01/06/2018").exit_code == 0
    assert invoke(example, "rate", "4700101733", "2018", "tốt").exit_code == 0
    assert invoke(example, "rate", "4700101733", "2019", "tốt").exit_code == 0
    assert invoke(example, "undo", "--yes").exit_code == 0  # undone: no entry of it is named
    r = invoke(example, "report", "2018", "--since-issued", "--format", "json")
    assert r.exit_code == 0, r.stderr
    found = json.loads(r.stdout)
    assert found["issued"] == {"number": NUMBER, "date": "2018-11-16"}
    assert {f["group"] for f in found["figures"]} == {"organisations", "ratings"}
    figures = {f["path"]: (f["issued"], f["now"]) for f in found["figures"]}
    assert figures["totals.organisations.dissolved"] == (0, 1)
    assert figures["ratings.percent.effective"] == (29, 30)
    assert [(e["command"], e["what"]) for e in found["history"]] == [
        ("dissolve", "4700100000 dissolved on 2018-06-01"),
        ("rate", "4700101733 2018: good"),
    ]
    lines = invoke(example, "report", "2018", "--since-issued").stdout.splitlines()
    assert lines[0] == "Since the issued report 01/BC-SKHĐT of 2018-11-16:"
    assert [line for line in lines if not line.startswith("  ")][1:] == [
        f"Organisations: {sum(f['group'] == 'organisations' for f in found['figures'])} figures differ "
        "(issued → now)",
        "Ratings: 5 figures differ (issued → now)",  # the band "average" is the grade, told once
        "History entries since it was issued: 2",
    ]
    assert "  Hiệu quả (tốt + khá) (%): 29 → 30" in lines
    # Each figure once, by the report's own words, its value as the report prints it.
    shown = invoke(example, "--lang", "vi", "report", "2018", "--since-issued").stdout.splitlines()
    assert shown.count("  Hợp tác xã: Hiện có (còn đăng ký): 149 → 148") == 1
    assert "  Tổng cộng: Vốn điều lệ đăng ký: 227.450.000.000 ₫ → 226.410.000.000 ₫" in shown
    assert "  Ba Bể, Hợp tác xã: Giải thể, phá sản: 0 → 1" in shown
    assert not [line for line in shown if "." in line.split(":")[0] or "registered" in line]
    assert "registered" not in {f["path"].rpartition(".")[2] for f in found["figures"]}
    # The live report says so in one line at its end, on stderr: its output is unchanged.
    live = invoke(example, "report", "2018", "--format", "json")
    count = len(found["figures"])
    assert live.stderr.splitlines()[-1] == (
        f"Differs from the issued report 01/BC-SKHĐT: {count} figures; see --since-issued"
    )
    vi = invoke(example, "--lang", "vi", "report", "2018")
    assert vi.stderr.splitlines()[-1] == (
        f"Khác với báo cáo đã ban hành số 01/BC-SKHĐT: {count} chỉ số; xem --since-issued"
    )
    # The next year's comparison uses the figures now, and says so.
    compared = invoke(example, "report", "2019", "--compare")
    assert "2018 is compared by its figures now, which differ from the issued report 01/BC-SKHĐT" in (
        compared.stderr
    )


# --- every later schema upgrade keeps the issued report byte for byte -------------------------------


def _issued_revision() -> tuple[str, str]:
    """This feature's revision and the one before it, found by what it creates: they stay right when
    the revision is renumbered at a merge."""
    from alembic.script import ScriptDirectory

    from htxcli.store.migrate import migrations_dir

    script = ScriptDirectory(str(migrations_dir()))
    for rev in script.walk_revisions():
        if '"issued_report"' in Path(rev.path).read_text(encoding="utf-8") and "create_table" in Path(
            rev.path
        ).read_text(encoding="utf-8"):
            assert isinstance(rev.down_revision, str)
            return rev.revision, rev.down_revision
    raise AssertionError("no revision creates issued_report")


def test_an_issued_report_survives_every_later_upgrade(tmp_path: Path) -> None:
    """A registry at the revision that brought issued reports, holding one, upgraded to the newest
    schema: --as-issued prints it byte for byte in every layout. The registry is made from the fixture
    of the revision before (registry-NNNN.db), so that it follows any renumbering."""
    import shutil
    import sqlite3

    from sqlalchemy import create_engine

    from htxcli.store.migrate import run_alembic_upgrade

    mine, before = _issued_revision()
    fixture = Path(__file__).parent / "data" / f"registry-{before}.db"
    # The report as the newest code issues it, on the fixture's registry brought to the newest schema.
    head = tmp_path / "head.db"
    shutil.copy(fixture, head)
    assert issue(head, "--despite-findings").exit_code == 0
    printed = {f: invoke(head, "report", "2018", "--as-issued", "--format", f).stdout for f in LAYOUTS}
    with sqlite3.connect(head) as con:
        con.row_factory = sqlite3.Row
        row = dict(con.execute("SELECT * FROM issued_report").fetchone())
    # The same registry at this feature's revision, holding that issued report ...
    old = tmp_path / "old.db"
    shutil.copy(fixture, old)
    engine = create_engine(f"sqlite:///{old}")
    run_alembic_upgrade(engine, mine)
    engine.dispose()
    with sqlite3.connect(old) as con:
        columns = [r[1] for r in con.execute("PRAGMA table_info(issued_report)")]
        values = {c: row[c] for c in columns if c in row}
        values["created_by"] = None  # its history entry is not in this copy
        con.execute(
            f"INSERT INTO issued_report ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
            list(values.values()),
        )
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == mine
    # ... opened by the newest code (every revision after it runs), prints it as it was.
    for layout in LAYOUTS:
        again = invoke(old, "report", "2018", "--as-issued", "--format", layout)
        assert (again.exit_code, again.stdout) == (0, printed[layout]), layout


def test_a_copy_to_a_server_keeps_the_issued_report(tmp_path: Path) -> None:
    source = tmp_path / "office.db"
    load_example(source)
    assert issue(source, "--despite-findings").exit_code == 0
    server = fresh_database("postgresql", tmp_path / "server")  # skips without a server
    try:
        assert invoke(source, "db", "copy", "--to", str(server)).exit_code == 0
        for layout in LAYOUTS:
            args = ("report", "2018", "--as-issued", "--format", layout)
            assert invoke(server, *args).stdout == invoke(source, *args).stdout, layout
        assert (
            invoke(server, "report", "--issued", "-f", "json").stdout
            == invoke(source, "report", "--issued", "-f", "json").stdout
        )
        # Undo on the server removes it there, as on the file.
        assert invoke(server, "undo", "--yes").exit_code == 0
        assert invoke(server, "report", "--issued", "-f", "json").stdout == "[]\n"
    finally:
        drop_database(server)


def test_a_districts_issued_report_names_the_history_of_its_organisations(example: Path | str) -> None:
    ba_be = ("report", "2018", "--district", "Ba Bể")
    r = invoke(example, *ba_be, "--issue", "--number", NUMBER, "--on", "16/11/2018", "--despite-findings")
    assert r.exit_code == 0, r.stderr
    assert invoke(example, "rate", "4700112131", "2018", "tốt").exit_code == 0  # in Chợ Đồn
    assert invoke(example, "rate", "4700101733", "2018", "tốt").exit_code == 0  # in Ba Bể
    found = json.loads(invoke(example, *ba_be, "--since-issued", "--format", "json").stdout)
    assert [e["what"] for e in found["history"]] == ["4700101733 2018: good"]
    assert {f["group"] for f in found["figures"]} == {"ratings"}
    province = invoke(example, "report", "2018", "--since-issued")
    assert province.exit_code == 1 and "no report of 2018 with these filters" in province.stderr


def test_a_report_with_its_plan_is_issued_and_its_documents_carry_the_number(
    example: Path | str, tmp_path: Path
) -> None:
    """A plan's attainment (averages and shares are fractions) is kept with the issued report, and the
    Word and HTML documents printed at issue or reprinted as issued are headed with its number."""
    for target in (("2018", "new-cooperatives", "25"), ("2018", "good-fair-share", "70%")):
        assert invoke(example, "plan", "set", *target).exit_code == 0
    assert invoke(example, "plan", "set", "2018-2020", "new-model", "10").exit_code == 0
    live = invoke(example, "report", "2018", "--format", "json").stdout
    assert json.loads(live)["plan"]
    issued = issue(example, "--despite-findings", "-o", str(tmp_path / "issued.docx"))
    assert issued.exit_code == 0 and "Traceback" not in issued.stderr, issued.stderr
    assert f"No.: {NUMBER}" in docx_text(example, tmp_path / "again.docx", "--as-issued")
    assert invoke(example, "plan", "unset", "2018", "new-cooperatives").exit_code == 0
    assert invoke(example, "report", "2018", "--as-issued", "--format", "json").stdout == live
    html = invoke(example, "report", "2018", "--as-issued", "--format", "html").stdout
    assert f"No.: {NUMBER}" in html and "……/BC-……" not in html
    assert "……/BC-……" in docx_text(example, tmp_path / "live.docx")  # a live report leaves it to fill in


def test_issuing_before_the_period_ends_says_the_figures_are_so_far(example: Path | str) -> None:
    """Issued on 16/11/2018, the report of 2018 still says "đến ngày 31/12/2018": the clerk is told,
    and how to report to the day of issue instead; issued after the period, or --as-of, nothing."""
    early = issue(example, "--despite-findings", "--format", "json")
    assert early.exit_code == 0, early.stderr
    assert "Warning: dated 2018-11-16, before the period ends on 2018-12-31" in early.stderr
    assert "--as-of 2018-11-16" in early.stderr
    on_time = invoke(
        example,
        *("report", "2018", "--issue", "--number", "02/BC", "--on", "05/01/2019"),
        *("--replaces", NUMBER, "--despite-findings"),
    )
    assert on_time.exit_code == 0 and "before the period ends" not in on_time.stderr, on_time.stderr
    to_the_day = invoke(
        example,
        "report",
        "2018",
        "--as-of",
        "16/11/2018",
        "--issue",
        "--number",
        "03/BC",
        "--on",
        "16/11/2018",
        "--despite-findings",
    )
    assert to_the_day.exit_code == 0 and "before the period ends" not in to_the_day.stderr, to_the_day.stderr


def test_a_document_dated_before_its_period_ends_says_so_too(example: Path | str, tmp_path: Path) -> None:
    """`report YEAR -o x.docx` is dated today: within the year it said "đến ngày 31/12" with no word."""
    from datetime import date

    today = date.today()
    if (today.month, today.day) == (12, 31):
        pytest.skip("the year's last day: its period has ended by the document's date")
    for suffix in ("docx", "html", "xlsx"):
        r = invoke(example, "report", str(today.year), "-o", str(tmp_path / f"now.{suffix}"))
        assert r.exit_code == 0 and f"before the period ends on {today.year}-12-31" in r.stderr, r.stderr
        r = invoke(example, "report", "2018", "-o", str(tmp_path / f"then.{suffix}"))
        assert r.exit_code == 0 and "before the period ends" not in r.stderr, r.stderr
    r = invoke(
        example,
        "report",
        str(today.year),
        "--as-of",
        today.strftime("%d/%m/%Y"),
        "-o",
        str(tmp_path / "a.docx"),
    )
    assert r.exit_code == 0 and "before the period ends" not in r.stderr, r.stderr
