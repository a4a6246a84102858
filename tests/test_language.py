"""htx speaks Vietnamese by default and English on request, from gettext catalogs (issue 14).

Every other test module runs in English (conftest.py sets HTX_LANG=en); these pin the language they check.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from htxcli.domain.i18n import language_from_environment
from tests.conftest import EXAMPLE, HTX, ROOT, TABLES, invoke, load_example

sys.path.insert(0, str(ROOT / "tools"))
import catalog

# Words of English sentences; none may be left in what a clerk reads in Vietnamese. (Option names,
# vocabulary keys a clerk may type, and SQL or file-format names are allowed to stay.)
ENGLISH = re.compile(
    r"\b(the|is|not|and|or|of|to|with|give|use|Usage|Options|Commands|Error|Warning|Show|this|"
    r"message|missing|invalid|value|registered|organisations?|Total|new|changed|unchanged)\b"
)


def _clerks_environment(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of htx as a clerk starts it: no HTX_LANG, a locale that names no language."""
    environ = {
        k: v for k, v in os.environ.items() if k not in ("HTX_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")
    }
    return {**environ, "LANG": "C.UTF-8", **(env or {})}


def _vi_process(
    *args: str, db: Path | str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """htx as a clerk starts it, a process of its own."""
    head = [*HTX, "--db", str(db)] if db is not None else list(HTX)
    return subprocess.run(
        [*head, *args], capture_output=True, text=True, env=_clerks_environment(env), cwd=ROOT, check=False
    )


# One process started as a clerk starts htx runs the module's commands one after another, each with a
# command tree of its own as htx builds one per process (a Vietnamese run translates the tree's help in
# place): a deep copy of one built once and never run, a tenth of the cost of building it again. A
# process per command took most of this module's time. An exception no command handles ends the process
# with its traceback, and the test that sent the command fails with it.
_CLERK = """
import copy, json, sys
from click.testing import CliRunner
from typer.main import get_command
from htxcli.cli.app import app

untranslated = get_command(app)
for line in sys.stdin:
    args, env = json.loads(line)
    r = CliRunner().invoke(copy.deepcopy(untranslated), args, env=env, catch_exceptions=False)
    print(json.dumps([r.exit_code, r.stdout, r.stderr]), flush=True)
"""
_CLERK_PROCESS: list[subprocess.Popen[str]] = []


@pytest.fixture(scope="module", autouse=True)
def _clerk_process() -> Iterator[None]:
    yield
    for process in _CLERK_PROCESS:
        process.communicate(timeout=60)
    _CLERK_PROCESS.clear()


def _vi(
    *args: str, db: Path | str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """htx as a clerk starts it (no HTX_LANG, a locale that names no language), in the module's clerk
    process; `env` adds to that environment for this command only."""
    if not _CLERK_PROCESS or _CLERK_PROCESS[0].poll() is not None:
        _CLERK_PROCESS[:] = [
            subprocess.Popen(
                [sys.executable, "-c", _CLERK],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                env=_clerks_environment(),
                cwd=ROOT,
            )
        ]
    process = _CLERK_PROCESS[0]
    assert process.stdin is not None and process.stdout is not None
    argv = ["--db", str(db), *args] if db is not None else list(args)
    process.stdin.write(json.dumps([argv, env or {}]) + "\n")
    process.stdin.flush()
    answer = process.stdout.readline()
    if not answer:
        _, err = process.communicate(timeout=60)
        pytest.fail(f"htx {' '.join(argv)} ended the clerk's process:\n{err}")
    code, out, err = json.loads(answer)
    return subprocess.CompletedProcess(argv, code, out, err)


# --- which language ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "vi"),
        ({"LANG": "C.UTF-8"}, "vi"),
        ({"LANG": "POSIX"}, "vi"),
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),  # another language: English, which more people read
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "vi_VN"}, "vi"),
        ({"LANG": "vi_VN", "LC_ALL": "de_DE"}, "en"),
        ({"LC_ALL": "", "LANG": "en_GB"}, "en"),  # an empty variable counts as unset
        ({"HTX_LANG": "vi", "LANG": "en_US"}, "vi"),
        ({"HTX_LANG": "en", "LANG": "vi_VN"}, "en"),
        ({"HTX_LANG": "", "LANG": "en_US"}, "en"),
        ({"HTX_LANG": " ", "LANG": ""}, "vi"),
    ],
)
def test_the_language_follows_htx_lang_then_the_locale_then_vietnamese(
    environ: dict[str, str], expected: str
) -> None:
    assert language_from_environment(environ) == expected


def test_lang_option_wins_over_the_environment(tmp_path: Path) -> None:
    # Processes of their own: the language as htx's own main chooses it at a process's start.
    r = _vi_process("--lang", "en", "--help", env={"HTX_LANG": "vi"})
    assert r.returncode == 0 and r.stdout.startswith("Usage: ")
    r = _vi_process("--db", str(tmp_path / "x.db"), "--lang=vi", "--help", env={"HTX_LANG": "en"})
    assert r.stdout.startswith("Cách dùng: ")
    r = _vi_process("--help")
    assert r.returncode == 0 and r.stdout.startswith("Cách dùng: ")


def test_the_language_holds_for_one_command_and_is_restored_after_it(tmp_path: Path) -> None:
    """htx chooses its language in its main and gives the process back as it found it: a command run
    in-process (a script, a test) does not leave the next one, or Click's own gettext, in Vietnamese."""
    from htxcli.domain import i18n, messages

    assert i18n.current() == "en"  # chosen from HTX_LANG on first use, as a library caller gets it
    before = os.environ.get("LANGUAGE"), i18n.current()
    r = invoke(tmp_path / "x.db", "--lang", "vi", "report", "20x8")
    assert r.exit_code == 1 and r.stderr.startswith("Lỗi: ")
    assert (os.environ.get("LANGUAGE"), i18n.current()) == before
    assert messages.REPORT_TOTAL == "Total"
    r = invoke(tmp_path / "x.db", "report", "20x8")
    assert r.stderr.startswith("Error: ")


# --- the catalog ---------------------------------------------------------------------------------


def test_every_message_has_its_vietnamese_with_the_same_placeholders() -> None:
    assert catalog.problems("vi") == []


def test_the_check_fails_when_a_translation_is_removed_or_a_placeholder_renamed(tmp_path: Path) -> None:
    original = catalog.po_path("vi").read_text(encoding="utf-8")
    removed = tmp_path / "removed.po"
    removed.write_text(original.replace('msgstr "Đã thêm {code} {name}"', 'msgstr ""', 1), encoding="utf-8")
    assert removed.read_text(encoding="utf-8") != original
    assert catalog.problems("vi", removed) == ["untranslated: 'Added {code} {name}'"]
    renamed = tmp_path / "renamed.po"
    renamed.write_text(original.replace('msgstr "Đã thêm {code} {name}"', 'msgstr "Đã thêm {ma} {name}"', 1))
    assert catalog.problems("vi", renamed) == [
        "placeholders differ: 'Added {code} {name}' -> 'Đã thêm {ma} {name}'"
    ]


def test_the_compiled_catalog_is_the_reviewed_one() -> None:
    """htx reads the .mo; reviewers read the .po: they must say the same (tools/catalog.py compile)."""
    assert catalog.mo_path("vi").read_bytes() == catalog.compiled("vi")


# --- what a clerk reads ----------------------------------------------------------------------------


def _every_command() -> list[list[str]]:
    import typer.main

    from htxcli.cli.app import app

    found: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        found.append(path)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


def test_every_help_reads_in_vietnamese() -> None:
    for path in _every_command():
        r = _vi(*path, "--help")
        assert r.returncode == 0, (path, r.stderr)
        assert r.stdout.startswith("Cách dùng: "), (path, r.stdout[:80])
        assert "Tùy chọn:" in r.stdout
        # A key the clerk types is never cut at its hyphen ("parent-" over "body").
        assert not re.search(r"\w-\n\s+\w", r.stdout), (path, r.stdout)
        prose = _prose(r.stdout)
        assert not ENGLISH.search(prose), (path, ENGLISH.search(prose), prose)


# Lists such as year,section,key; quoted values; option names; metavars; URLs; [choices].
_NOT_PROSE = re.compile(
    r"\w+(?:,\w+)+|'[^']*'|\"[^\"]*\"|\S*--?[a-z][\w-]*|\b[A-Z_]{2,}\b|\S+://\S+|\[[^\]]*\]"
)


def _prose(text: str) -> str:
    """What a clerk reads as sentences: without examples, option names, metavars and quoted values."""
    kept = []
    for line in text.splitlines():
        if line.strip().startswith(("htx ", "Ví dụ: htx", "Cách dùng:")):
            continue
        line = _NOT_PROSE.sub(" ", line)
        kept.append(line)
    return "\n".join(kept)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("vi") / "htx.db"
    load_example(db)
    return db


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("add", "HTX Mới", "--code", "N1", "--founded", "31/02/2019"), "Lỗi: --founded: '31/02/2019' "),
        (("list", "--nope"), "Lỗi: Không có tùy chọn '--nope'."),
        (("rate",), "Lỗi: "),
        (("show", "9999999999"), "Lỗi: mã số: '9999999999' không có trong sổ đăng ký"),
        (("support", "add"), "Lỗi: "),
    ],
)
def test_errors_read_in_vietnamese(example: Path, args: tuple[str, ...], expected: str) -> None:
    r = _vi(*args, db=example)
    assert r.returncode in (1, 2)
    assert expected in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert not ENGLISH.search(_prose(r.stderr)), r.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("report", "2018"), "Số lượng tổ chức kinh tế tập thể đến cuối năm 2018"),
        (("report", "2018", "--compare"), "Chỉ tiêu"),
        (("show", "4700257731"), "Ngày thành lập"),
        (("list", "--district", "ba be"), "Loại hình"),
        (("history",), "Lịch sử"),
        (("support", "list", "--year", "2018"), "toàn tỉnh"),
        (("db", "status"), ""),
    ],
)
def test_what_htx_shows_reads_in_vietnamese(example: Path, args: tuple[str, ...], expected: str) -> None:
    r = _vi(*args, db=example)
    assert r.returncode == 0, r.stderr
    assert expected in r.stdout
    assert not ENGLISH.search(_prose(r.stdout + r.stderr)), (r.stdout + r.stderr)[:2000]


def test_db_check_findings_read_in_vietnamese(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    for code, name in (("C1", "HTX Tân Thành"), ("C2", "HTX TAN THANH")):
        assert invoke(db, "add", name, "--code", code, "--founded", "2015-01-01").exit_code == 0
    r = _vi("db", "check", db=db)
    assert r.returncode == 1 and r.stdout.strip(), r.stderr
    assert not ENGLISH.search(_prose(r.stdout + r.stderr)), r.stdout + r.stderr


def test_dates_in_tables_are_day_first_and_confirmations_echo_the_clerks_word(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    r = _vi("add", "HTX Ngày", "--code", "D1", "--founded", "2015-04-20", db=db)
    assert r.returncode == 0, r.stderr
    assert "20/04/2015" in _vi("show", "D1", db=db).stdout
    r = _vi("rate", "D1", "2018", "tốt", db=db)
    assert r.stderr.strip().endswith(": tốt"), r.stderr
    assert "good" not in r.stderr


def test_machine_formats_are_the_same_in_both_languages(example: Path) -> None:
    commands = [
        ("report", "2018", "--format", "json"),
        ("report", "2016..2018", "--format", "csv"),
        ("report", "2018", "--compare", "--format", "json"),
        *(("export", table) for table in TABLES),
        ("export", "ratings", "--format", "json"),
        ("list", "--format", "csv"),
        ("history", "--format", "json"),
    ]
    for args in commands:
        vi = _vi(*args, db=example)
        en = _vi(*args, db=example, env={"HTX_LANG": "en"})
        assert vi.returncode == en.returncode == 0, args
        assert vi.stdout == en.stdout, args


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_undo_at_a_terminal_asks_in_vietnamese_and_takes_co_or_khong(tmp_path: Path) -> None:
    from tests.terminal import Terminal

    db = tmp_path / "u.db"
    assert invoke(db, "add", "HTX Hoàn Tác", "--code", "U1", "--founded", "2015-01-01").exit_code == 0
    env_before = os.environ.get("HTX_LANG")
    os.environ["HTX_LANG"] = "vi"  # the terminal's htx inherits it
    try:
        with Terminal(db, "undo") as terminal:
            terminal.expect("[c/K]: ")
            terminal.type("có")
            code, _ = terminal.finish()
    finally:
        os.environ["HTX_LANG"] = env_before or "en"
    assert code == 0, terminal.transcript
    assert not ENGLISH.search(_prose(terminal.transcript)), terminal.transcript
    assert invoke(db, "show", "U1").exit_code == 1  # undone: the organisation is gone


def test_the_example_loads_the_same_in_vietnamese(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    for table in TABLES:
        r = _vi("import", table, str(EXAMPLE / f"{table}.csv"), db=db)
        assert r.returncode == 0, r.stderr
        assert not ENGLISH.search(_prose(r.stderr)), r.stderr
    shutil.rmtree(tmp_path)


def test_status_takes_the_clerks_words(example: Path) -> None:
    """`list --status` in Vietnamese, as kinds, sectors, grades and programs already were."""
    active = _vi("list", "--status", "còn đăng ký", "--format", "csv", db=example)
    dissolved = _vi("list", "--status", "giai the", "--format", "csv", db=example)
    assert active.returncode == dissolved.returncode == 0
    assert active.stdout == _vi("list", "--status", "active", "--format", "csv", db=example).stdout
    # One word, one meaning: "đang hoạt động" is operating, not every registered organisation.
    operating = _vi("list", "--status", "đang hoạt động", "--format", "csv", db=example).stdout
    assert operating == _vi("list", "--status", "operating", "--format", "csv", db=example).stdout
    assert dissolved.stdout == _vi("list", "--status", "dissolved", "--format", "csv", db=example).stdout
    assert len(active.stdout.splitlines()) > len(dissolved.stdout.splitlines()) > 1


def test_no_message_name_is_defined_twice() -> None:
    """Two features that each add `CHART_BANDS = N_(…)` would silently keep the second wording, and the
    first feature's placeholders would then fail at run time; names are unique."""
    import ast
    from collections import Counter

    source = (ROOT / "src" / "htxcli" / "domain" / "messages.py").read_text(encoding="utf-8")
    names = Counter(
        target.id
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id.isupper()
    )
    assert [name for name, times in names.items() if times > 1] == []


def test_legal_status_and_settings_read_in_vietnamese(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert _vi("add", "HTX Tạm Ngừng", "--code", "S1", "--founded", "2015-04-20", db=db).returncode == 0
    r = _vi("suspend", "S1", "--from", "01/03/2018", "--until", "15/06/2019", db=db)
    assert r.returncode == 0, r.stderr
    assert "Đã ghi nhận S1: tạm ngừng kinh doanh từ ngày 01/03/2018 đến ngày 15/06/2019" in r.stderr
    assert r.stderr.startswith("Cảnh báo: --until: '15/06/2019' dài hơn 12 tháng")
    shown = _vi("status", "S1", db=db)
    assert "Tạm ngừng kinh doanh" in shown.stdout and "01/03/2018" in shown.stdout
    assert _vi("suspend", "S1", "--from", "01/11/2019", db=db).returncode == 0
    listed = _vi("list", "--status", "tạm ngừng", db=db, env={"COLUMNS": "120"})
    assert "│ tạm ngừng kinh doanh │" in listed.stdout, listed.stdout
    profile = _vi("show", "S1", db=db).stdout
    assert "Tình trạng pháp lý  Tạm ngừng kinh doanh từ ngày 01/11/2019" in profile, profile
    r = _vi("dissolve", "S1", "--on", "01/01/2014", db=db)
    assert r.returncode == 1 and r.stderr.startswith(
        "Lỗi: --on: '01/01/2014' sớm hơn ngày thành lập 20/04/2015"
    )
    r = _vi("settings", "period-start", "15/12", db=db)
    assert r.returncode == 0 and r.stderr == "Thiết lập ngày bắt đầu kỳ báo cáo: 01/01 -> 15/12\n"
    r = _vi("settings", "office", "Sở Tài chính", db=db)
    assert r.stderr == "Thiết lập cơ quan ban hành: (chưa đặt) -> Sở Tài chính\n"
    r = _vi("undo", "--yes", db=db)
    assert "thiết lập cơ quan ban hành = Sở Tài chính" in r.stderr, r.stderr
    # The settings by their Vietnamese names, first; the key a clerk types last, in its own column.
    shown = _vi("settings", db=db).stdout
    assert re.search(r"┃ Thiết lập\s+┃ Giá trị\s+┃ Tên trong lệnh\s+┃", shown), shown
    assert re.search(r"│ Ngày bắt đầu kỳ báo cáo\s+│ 15/12\s+│ period-start\s+│", shown), shown
    assert _vi("dissolve", "S1", "--on", "01/12/2019", "--reason", "phá sản", db=db).returncode == 0
    r = _vi("undo", "--yes", db=db)
    assert "S1: phá sản từ ngày 01/12/2019" in r.stderr and "đã được xóa" in r.stderr, r.stderr
    assert "giải thể ngày" not in r.stderr, r.stderr
    # Arguments are named in Vietnamese, as the other commands name theirs (mã số, năm).
    for args, expected in (
        (("settings", "period-start", "31/02"), "Lỗi: ngày bắt đầu kỳ báo cáo: '31/02' không phải"),
        (("settings", "foo", "bar"), "Lỗi: thiết lập: 'foo' không thuộc"),
        (("settings", "foo"), "Lỗi: thiết lập: 'foo' không thuộc"),
        (("status", "S1", "lung tung", "--on", "01/03/2018"), "Lỗi: tình trạng: 'lung tung' không thuộc"),
    ):
        r = _vi(*args, db=db)
        assert r.returncode == 1 and r.stderr.startswith(expected), r.stderr
    for args in (("status", "S1"), ("settings",)):
        r = _vi(*args, db=db)
        assert not ENGLISH.search(_prose(r.stdout + r.stderr)), r.stdout + r.stderr


# --- spreadsheet import: the file's own words ------------------------------------------------------


def test_import_errors_name_columns_as_the_clerk_reads_them(tmp_path: Path) -> None:
    """By the file's own header; a column the file lacks by its Vietnamese name, never `name` or
    `mã số` in a Vietnamese sentence (and by the contract's name in English)."""
    db = tmp_path / "n.db"
    assert invoke(db, "add", "HTX A", "--code", "4700000001", "--founded", "2015-01-01").exit_code == 0
    changes, ratings = tmp_path / "nb.csv", tmp_path / "rb.csv"
    changes.write_text("Mã số thuế,Xã\n8888888888,X\n", encoding="utf-8")
    ratings.write_text("Mã số thuế,Năm,Xếp loại\n9999999999,2018,Tốt\n", encoding="utf-8")
    r = _vi("import", "cooperatives", str(changes), db=db)
    assert r.returncode == 1
    assert r.stderr.startswith(
        f"{changes}:2: Tên tổ chức: là bắt buộc với tổ chức mới ('8888888888' chưa có trong sổ đăng ký)\n"
    )
    r = invoke(db, "import", "cooperatives", str(changes))
    assert f"{changes}:2: name: is required for a new organisation" in r.stderr
    r = _vi("import", "ratings", str(ratings), db=db)
    assert r.returncode == 1
    assert r.stderr.startswith(f"{ratings}:2: Mã số thuế: '9999999999' không có trong sổ đăng ký")
    r = invoke(db, "import", "ratings", str(ratings))
    assert f"{ratings}:2: Mã số thuế: '9999999999' is not in the registry" in r.stderr


def test_a_file_named_xlsx_that_is_no_workbook_is_refused_in_vietnamese(tmp_path: Path) -> None:
    fake, damaged = tmp_path / "fake.xlsx", tmp_path / "damaged.xlsx"
    fake.write_text("garbage\n")
    damaged.write_bytes(b"PK\x03\x04garbage")
    r = _vi("import", "cooperatives", str(fake), db=tmp_path / "x.db")
    assert r.returncode == 1
    assert r.stderr.startswith(f"Lỗi: {fake}: không phải là bảng tính Excel (.xlsx)")
    assert len(r.stderr.splitlines()) == 1 and not ENGLISH.search(_prose(r.stderr)), r.stderr
    r = _vi("import", "cooperatives", str(damaged), db=tmp_path / "x.db")
    assert r.returncode == 1
    assert (
        r.stderr
        == f"Lỗi: {damaged}: không đọc được bảng tính Excel này (tập tin bị hỏng hoặc không đầy đủ)\n"
    )


def test_a_sheets_header_problems_name_the_list_in_vietnamese(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["DANH SÁCH"])
    book.active.append(["Tên HTX", "Ngày thành lập", "Màu sắc"])
    path = tmp_path / "h.xlsx"
    book.save(path)
    r = _vi("import", "cooperatives", str(path), db=tmp_path / "x.db")
    assert r.returncode == 1
    assert r.stderr.startswith(
        f"Lỗi: {path}:Sheet!2: Màu sắc: không phải là cột của danh sách tổ chức; các cột"
    )
    book.active.delete_cols(3)
    book.save(path)
    r = _vi("import", "cooperatives", str(path), db=tmp_path / "x.db")
    assert r.stderr == (
        f"Lỗi: {path}:Sheet!2: Mã số: là cột bắt buộc của danh sách tổ chức nhưng không có "
        "trong dòng tiêu đề\n"
    )
    book.active.delete_rows(2)
    book.save(path)
    r = _vi("import", "cooperatives", str(path), db=tmp_path / "x.db")
    assert r.stderr.startswith(
        f"Lỗi: {path}:Sheet!1: không tìm thấy dòng tiêu đề trong 20 dòng đầu (dòng đầu tiên"
    )
    assert not ENGLISH.search(_prose(r.stderr)), r.stderr


def test_a_second_dissolution_names_the_first_as_the_clerk_writes_dates(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    assert _vi("add", "HTX Đã Giải Thể", "--code", "D1", "--founded", "2015-04-20", db=db).returncode == 0
    assert _vi("dissolve", "D1", "--on", "31/12/2018", db=db).returncode == 0
    again = _vi("dissolve", "D1", "--on", "01/01/2019", db=db)
    assert again.returncode == 1 and "31/12/2018" in again.stderr and "2018-12-31" not in again.stderr
