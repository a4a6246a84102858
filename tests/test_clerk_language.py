"""Speaking the clerk's language (issue 25, item 26): placeholders of help and usage, value lists
Vietnamese first, statuses of several words without quotes, confirmations that say what was recorded."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import click
import pytest
from typer.main import get_command
from typer.testing import CliRunner

from htxcli.cli.app import app
from tests.conftest import Run

Htx = Callable[..., Run]

# Words Click, Typer or a help text would show a Vietnamese clerk in English.
ENGLISH_PLACEHOLDERS = re.compile(
    r"(?<![\w-])(?:TEXT|INTEGER|FLOAT|PATH|PATH_OR_URL|CODE|YEAR|FILE|NAME|PROGRAM|TABLE|GRADE|STATUS|KEY"
    r"|VALUE|FIRST|LAST|DATE|AMOUNT|RANGE|N)(?![\w-])|\[OPTIONS\]|COMMAND|\[ARGS\]|YYYY|DD/MM"
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
