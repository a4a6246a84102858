"""Speaking the clerk's language (issue 25, item 26): placeholders of help and usage, value lists
Vietnamese first, statuses of several words without quotes, confirmations that say what was recorded."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import click
import pytest
from typer.main import get_command

from htxcli.cli.app import app
from tests.conftest import CliRunner, Run

Htx = Callable[..., Run]

# Words Click, Typer or a help text would show a Vietnamese clerk in English.
ENGLISH_PLACEHOLDERS = re.compile(
    r"(?<![\w-])(?:TEXT|INTEGER|FLOAT|PATH|PATH_OR_URL|CODE|YEAR|FILE|NAME|PROGRAM|TABLE|GRADE|STATUS|KEY"
    r"|VALUE|FIRST|LAST|DATE|AMOUNT|RANGE|N|INDICATOR|TARGET|ESTIMATE|DAY|NUMBER)(?![\w-])"
    r"|\[OPTIONS\]|COMMAND|\[ARGS\]|YYYY|DD/MM"
)


def _commands(command: click.Command, path: list[str]) -> Iterator[list[str]]:
    yield path
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _commands(sub, [*path, name])


COMMANDS = list(_commands(get_command(app), []))


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "htx")
def test_no_vietnamese_help_page_shows_an_english_placeholder(path: list[str]) -> None:
    shown = CliRunner().invoke(app, ["--lang", "vi", *path, "--help"])
    assert shown.exit_code == 0, shown.output
    found = ENGLISH_PLACEHOLDERS.findall(shown.output)
    assert not found, f"{found} in:\n{shown.output}"
    assert "Cách dùng: htx" in shown.output


def test_english_help_keeps_its_placeholders() -> None:
    shown = CliRunner().invoke(app, ["--lang", "en", "add", "--help"]).output
    assert "Usage: htx add [OPTIONS] [NAME]" in shown and "--code TEXT" in shown
    shown = CliRunner().invoke(app, ["--lang", "en", "--help"]).output
    assert "htx [OPTIONS] COMMAND [ARGS]..." in shown


def test_vietnamese_usage_and_errors_name_the_placeholders_in_vietnamese() -> None:
    shown = CliRunner().invoke(app, ["--lang", "vi", "--help"]).output
    assert "Cách dùng: htx [TÙY_CHỌN] LỆNH [ĐỐI_SỐ]..." in shown
    shown = CliRunner().invoke(app, ["--lang", "vi", "add", "--help"]).output
    assert "--code MÃ_SỐ" in shown and "--founded NGÀY/THÁNG/NĂM" in shown and "--kind VĂN_BẢN" in shown
    missing = CliRunner().invoke(app, ["--lang", "vi", "dissolve"])
    assert missing.exit_code == 2 and "'MÃ_SỐ'" in missing.output


def test_value_lists_are_vietnamese_first() -> None:
    shown = " ".join(CliRunner().invoke(app, ["--lang", "vi", "rate", "--help"]).output.split())
    assert "tốt | khá | trung bình | yếu | chưa xếp loại (hoặc T, K, TB, Y; good," in shown
    shown = " ".join(CliRunner().invoke(app, ["--lang", "vi", "add", "--help"]).output.split())
    assert "hợp tác xã | tổ hợp tác | liên hiệp HTX | quỹ tín dụng nhân dân (hoặc" in shown
    assert "nông nghiệp | công nghiệp | xây dựng" in shown


def test_a_status_of_several_words_needs_no_quotes(htx: Htx) -> None:
    assert htx("add", "HTX A", "--code", "4700284512", "--founded", "01/02/2019").exit_code == 0
    r = htx("status", "4700284512", "tạm", "ngừng", "--on", "01/03/2024")
    assert r.exit_code == 0, r.stderr
    r = htx("status", "4700284512", "hoạt", "động", "--on", "01/06/2024")
    assert r.exit_code == 0, r.stderr
    shown = htx("status", "4700284512", "-f", "csv").stdout
    assert "suspended" in shown and "operating" in shown


def _vi(htx: Htx, *args: str) -> Run:
    return htx("--lang", "vi", *args)


def test_confirmations_say_what_was_recorded(htx: Htx) -> None:
    r = _vi(
        htx, "add", "HTX Văn Lang", "--code", "4601254878", "--founded", "01/02/2019", "--commune", "Van Lang"
    )
    assert r.exit_code == 0, r.stderr
    r = _vi(
        htx, "support", "add", "tín dụng", "--to", "4601254878", "--date", "12/06/2025", "--amount", "1,5 tỷ"
    )
    assert r.stderr.splitlines()[-1] == (
        "Đã ghi nhận hỗ trợ #1: tín dụng 1.500.000.000 đồng cho 4601254878 HTX Văn Lang, ngày 12/06/2025"
    )
    r = _vi(htx, "support", "add", "tập huấn", "--date", "13/06/2025", "--quantity", "8", "--unit", "lớp")
    assert r.stderr.splitlines()[-1] == "Đã ghi nhận hỗ trợ #2: tuyên truyền, 8 lớp, ngày 13/06/2025"
    r = _vi(htx, "edit", "4601254878", "--commune", "Văn Lang")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.splitlines()[-1] == "Đã sửa xã của 4601254878: Van Lang → Văn Lang"
    r = _vi(htx, "edit", "4601254878", "--capital", "2 tỷ", "--members", "12")
    assert "Đã sửa 4601254878: " in r.stderr and "vốn điều lệ – → 2.000.000.000 ₫" in r.stderr
    assert "capital_vnd" not in r.stderr and "--capital" not in r.stderr


def test_history_and_undo_speak_the_clerks_words(htx: Htx) -> None:
    assert (
        htx("add", "HTX A", "--code", "4601254878", "--founded", "01/02/2019", "--capital", "1 tỷ").exit_code
        == 0
    )
    assert htx("edit", "4601254878", "--capital", "2 tỷ", "--commune", "Văn Lang").exit_code == 0
    assert htx("rate", "4601254878", "2024", "khá").exit_code == 0
    shown = _vi(htx, "history").stdout
    assert "xếp loại" in shown and "sửa thông tin" in shown and "thêm tổ chức" in shown
    flat = " ".join(shown.replace("│", " ").split())
    assert "capital_vnd" not in flat and "commune" not in flat
    assert "Vốn điều lệ" in flat and "1.000.000.000 ₫ → 2.000.000.000 ₫" in flat
    r = _vi(htx, "undo", "--yes")
    assert r.stderr.startswith("Hoàn tác #3 xếp loại,")
    assert "Đã hoàn tác #3 (xếp loại 4601254878 2024)" in r.stderr
    r = _vi(htx, "undo", "--yes")
    assert r.stderr.startswith("Hoàn tác #2 sửa thông tin,") and "capital_vnd" not in r.stderr
    assert "1.000.000.000 ₫" in r.stderr
    # Machine formats keep the command as typed.
    assert ",edit," in _vi(htx, "history", "--format", "csv").stdout


def test_operating_system_and_decoding_errors_in_vietnamese(htx: Htx, tmp_path: Path) -> None:
    r = _vi(htx, "import", "cooperatives", str(tmp_path / "khong-co.csv"))
    assert r.exit_code == 1 and "không có tập tin hay thư mục này" in r.stderr
    assert "No such file" not in r.stderr
    r = _vi(htx, "import", "cooperatives", str(tmp_path))
    assert r.exit_code == 1 and "đây là một thư mục" in r.stderr
    windows = tmp_path / "cp1258.csv"
    windows.write_bytes("code,name,founded\n1,H\u01a1\u0323p t\u00e1c xa\u0303,2010-01-01\n".encode("cp1258"))
    r = _vi(htx, "import", "cooperatives", str(windows))
    assert r.exit_code == 1 and ":2: tập tin không được mã hóa UTF-8 (có byte" in r.stderr
    assert "invalid" not in r.stderr
    unclosed = tmp_path / "nhay.csv"
    unclosed.write_bytes(b'\xef\xbb\xbfcode,name,founded\r\n1,"HTX A\r\n')
    r = _vi(htx, "import", "cooperatives", str(unclosed))
    assert r.exit_code == 1 and 'thiếu dấu " đóng' in r.stderr and "unexpected" not in r.stderr


def test_undo_of_a_support_record_names_it_in_the_clerks_words(htx: Htx) -> None:
    add = htx("--lang", "vi", "support", "add", "bản tin", "--date", "28/02/2026", "--amount", "25tr")
    assert add.exit_code == 0, add.stderr
    undo = htx("--lang", "vi", "undo", "--yes")
    assert undo.exit_code == 0, undo.stderr
    assert "(ghi nhận hỗ trợ bản tin kinh tế tập thể 28/02/2026)" in undo.stderr, undo.stderr
    assert "bulletin" not in undo.stderr and "2026-02-28" not in undo.stderr
