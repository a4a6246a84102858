"""`htx add` at a terminal: it asks each main field not given, showing its form, and asks a bad answer
again at once. Run at a real (pseudo-)terminal; off a terminal nothing is asked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import HTX, ROOT, Run, snapshot
from tests.terminal import Terminal

# Every test that opens a database runs on SQLite and on PostgreSQL.
pytestmark = [
    pytest.mark.both_backends,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal"),
]

NAME = "Name (e.g. HTX Nông nghiệp Tân Thành): "
CODE = "Code (registration or tax code, e.g. 4700284512): "
KIND = "Kind (cooperative, group, union, credit-fund, or HTX, THT, LHTX, QTDND; Enter for cooperative): "
DISTRICT = "District (huyện; Enter to skip): "
COMMUNE = "Commune (xã, phường; Enter to skip): "
SECTOR = "Sector (agriculture, industry, construction, trade-services, transport, environment, credit, other,"
FOUNDED = "Founding date (DD/MM/YYYY): "
MEMBERS = "Members (a whole number; Enter to skip): "
CAPITAL = "Capital in đồng (e.g. 1,5 tỷ or 350 triệu; Enter to skip): "


def profile(htx: Callable[..., Run], code: str) -> dict[str, Any]:
    r = htx("show", code, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def answer(terminal: Terminal, question: str, text: str, *, refused: str | None = None) -> None:
    """Answer `question`; when `refused` is given, the answer must be refused at once, in one line that
    starts with that problem (the next call then expects the same question again)."""
    terminal.expect(question)
    terminal.type(text)
    if refused is not None:
        assert terminal.expect("\n") == f"{text}\n"  # the terminal echoes what was typed
        problem = terminal.expect("\n")
        assert problem.startswith(f"Not accepted: {refused}"), terminal.transcript


def test_add_asks_each_main_field_not_given_and_asks_a_bad_answer_again(
    registry: Callable[..., Run], db_path: Path
) -> None:
    with Terminal(db_path, "add", "--district", "Ba Bể", "--members", "7") as terminal:
        answer(terminal, NAME, "   ", refused="an answer is required")
        answer(terminal, NAME, "HTX Chè Bằng Phúc")
        answer(terminal, CODE, "0470012345", refused="code: '0470012345' is already registered, to 'HTX Nông")
        answer(terminal, CODE, "4700111222")
        answer(terminal, KIND, "HTC", refused="'HTC' is not one of: cooperative, group, union, credit-fund")
        answer(terminal, KIND, "")  # Enter: a cooperative, as without --kind
        answer(terminal, FOUNDED, "", refused="an answer is required")
        answer(terminal, FOUNDED, "31/02/2016", refused="'31/02/2016' is not a date")
        answer(terminal, FOUNDED, "20/04/2016")  # before the reform: a district (given) and a commune
        answer(terminal, COMMUNE, "Bằng Phúc")
        answer(terminal, SECTOR, "nong nghiep")
        answer(terminal, CAPITAL, "1,5", refused="'1,5' is ambiguous")
        answer(terminal, CAPITAL, "1,5 tỷ")
        terminal.expect("Added 4700111222 HTX Chè Bằng Phúc\n")
        code, out = terminal.finish()
    assert code == 0 and out == "", terminal.transcript
    assert DISTRICT not in terminal.transcript and MEMBERS not in terminal.transcript  # given as options
    assert "Province" not in terminal.transcript
    expected = {
        "name": "HTX Chè Bằng Phúc",
        "kind": "cooperative",
        "district": "Ba Bể",
        "commune": "Bằng Phúc",
        "sector": "agriculture",
        "founded": "2016-04-20",
        "members": 7,
        "capital_vnd": 1_500_000_000,
    }
    stored = profile(registry, "4700111222")
    assert {field: stored[field] for field in expected} == expected


def test_optional_fields_may_be_left_empty(htx: Callable[..., Run], db_path: Path) -> None:
    with Terminal(db_path, "add", "Tổ hợp tác Rau", "--founded", "2019-01-09") as terminal:
        answer(terminal, CODE, "THT-09")
        for question in (KIND, DISTRICT, COMMUNE, SECTOR, MEMBERS, CAPITAL):
            answer(terminal, question, "THT" if question == KIND else "")
        terminal.expect("Added THT-09 Tổ hợp tác Rau")
        code, _ = terminal.finish()
    assert code == 0, terminal.transcript
    assert NAME not in terminal.transcript and FOUNDED not in terminal.transcript
    stored = profile(htx, "THT-09")
    assert stored["kind"] == "group" and stored["founded"] == "2019-01-09"
    assert [stored[f] for f in ("district", "commune", "sector", "members", "capital_vnd")] == [None] * 5


def test_a_founding_date_after_a_given_dissolution_is_asked_again(
    htx: Callable[..., Run], db_path: Path
) -> None:
    args = ("add", "HTX Cũ", "--code", "4700000009", "--dissolved", "2010-12-31")
    args += ("--kind", "HTX", "--district", "Na Rì", "--commune", "Kim Lư", "--sector", "other")
    args += ("--members", "9", "--capital", "0")
    with Terminal(db_path, *args) as terminal:
        answer(terminal, FOUNDED, "2012-01-01", refused="dissolved: '2010-12-31' is before the founding")
        answer(terminal, FOUNDED, "2001-01-01")
        code, _ = terminal.finish()
    assert code == 0, terminal.transcript
    assert profile(htx, "4700000009")["founded"] == "2001-01-01"


@pytest.mark.parametrize("key", ["D", "C"])
def test_ctrl_d_or_ctrl_c_adds_nothing(registry: Callable[..., Run], db_path: Path, key: str) -> None:
    before = snapshot(db_path)
    with Terminal(db_path, "add", "HTX Bỏ Dở") as terminal:
        answer(terminal, CODE, "4700999000")
        terminal.expect(KIND)
        terminal.control(key)
        terminal.expect("Stopped: nothing was added.\n")
        code, _ = terminal.finish()
    assert code == 1, terminal.transcript
    assert snapshot(db_path) == before


def test_a_bad_option_fails_before_any_question(registry: Callable[..., Run], db_path: Path) -> None:
    before = snapshot(db_path)
    with Terminal(db_path, "add", "HTX Mới", "--capital", "nhiều") as terminal:
        code, _ = terminal.finish()
    assert code == 1, terminal.transcript
    assert terminal.transcript.startswith("Error: ") and "'nhiều'" in terminal.transcript
    assert CODE not in terminal.transcript
    assert len(terminal.transcript.splitlines()) == 1
    assert snapshot(db_path) == before


def test_all_required_fields_given_nothing_is_asked(htx: Callable[..., Run], db_path: Path) -> None:
    assert htx("db", "upgrade").exit_code == 0  # the registry exists: adding says only what it added
    with Terminal(db_path, "add", "HTX Đủ", "--code", "4700000001", "--founded", "2015-01-01") as terminal:
        code, _ = terminal.finish()
    assert code == 0 and terminal.transcript == "Added 4700000001 HTX Đủ\n", terminal.transcript


def test_nothing_is_asked_when_stderr_is_not_a_terminal(registry: Callable[..., Run], db_path: Path) -> None:
    """Questions go to stderr: with stderr sent to a file, no one would see them, so add fails as
    off a terminal, naming what is missing."""
    import pty

    before = snapshot(db_path)
    main, terminal = pty.openpty()
    try:
        add = subprocess.run(
            [*HTX, "--db", str(db_path), "add", "HTX Mới"],
            stdin=terminal,
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
    finally:
        os.close(terminal)
        os.close(main)
    assert add.returncode == 1
    assert add.stderr == "Error: missing code, founded (give them as options: --code, --founded)\n"
    assert snapshot(db_path) == before


def test_off_a_terminal_nothing_is_asked(registry: Callable[..., Run], db_path: Path) -> None:
    before = snapshot(db_path)
    r = registry("add", "HTX Mới", "--code", "4700000002", input="2015-01-01\n")
    assert r.exit_code == 1
    assert r.stderr == "Error: missing founded (give them as options: --founded)\n"
    assert snapshot(db_path) == before


def test_an_organisation_founded_from_july_2025_is_asked_province_and_commune_not_district(
    htx: Callable[..., Run], db_path: Path
) -> None:
    assert htx("settings", "province", "thai nguyen").exit_code == 0
    args = ("add", "HTX Phủ Thông", "--code", "4701000201", "--kind", "HTX", "--sector", "other")
    with Terminal(db_path, *args, "--members", "7", "--capital", "0") as terminal:
        answer(terminal, FOUNDED, "01/09/2025")
        answer(terminal, "Province (tỉnh; Enter for Thái Nguyên): ", "")
        answer(terminal, COMMUNE, "phu thong")
        terminal.expect("Added 4701000201 HTX Phủ Thông")
        code, _ = terminal.finish()
    assert code == 0, terminal.transcript
    assert DISTRICT not in terminal.transcript and "Warning" not in terminal.transcript, terminal.transcript
    stored = profile(htx, "4701000201")
    assert (stored["province"], stored["district"], stored["commune"]) == ("Thái Nguyên", None, "Phủ Thông")


def test_in_vietnamese_the_choices_are_the_clerks_words(htx: Callable[..., Run], db_path: Path) -> None:
    """The questions listed the English keys first ("cooperative, group, …; Enter để chọn cooperative –
    hợp tác xã"); in Vietnamese they list the Vietnamese words, as --help does."""
    kind = (
        "Loại hình (hợp tác xã, tổ hợp tác, liên hiệp HTX, quỹ tín dụng nhân dân, "
        "hoặc HTX, THT, LHTX, QTDND; Enter để chọn hợp tác xã): "
    )
    sector = (
        "Lĩnh vực (nông nghiệp, công nghiệp, xây dựng, thương mại - dịch vụ, vận tải, môi trường, tín dụng"
    )
    args = ("--lang", "vi", "add", "HTX Rau", "--founded", "09/01/2019", "--district", "Ba Bể")
    with Terminal(db_path, *args, "--commune", "Bành Trạch", "--members", "7", "--capital", "0") as t:
        answer(t, "Mã số", "4700111333")
        answer(t, kind, "")
        answer(t, sector, "nông nghiệp")
        t.expect("Đã thêm 4700111333 HTX Rau")
        code, _ = t.finish()
    assert code == 0 and "agriculture" not in t.transcript and "cooperative" not in t.transcript, t.transcript
    assert profile(htx, "4700111333")["sector"] == "agriculture"
