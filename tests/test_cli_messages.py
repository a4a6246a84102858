"""What a clerk reads: errors and confirmations name the option typed (--capital, not capital_vnd),
dates later than today are refused, and likely typos recorded all the same are warned about."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer

from htxcli.cli.app import app
from htxcli.cli.common import OPTION_OF_FIELD
from tests.conftest import snapshot

# Every test that opens a database runs on SQLite and on PostgreSQL.
pytestmark = pytest.mark.both_backends

# Two days ahead, not one: the parameters are made when the tests are collected, and a run that passes
# midnight before a test runs would find "tomorrow" become today.
LATER_DAY = (date.today() + timedelta(days=2)).isoformat()


def later() -> str:
    """The refusal of a day after today, as htx words it when the test runs."""
    return f"is later than today ({date.today().isoformat()}); record it once it has happened"


def refused(run: Any, db_path: Path, args: list[str], message: str) -> None:
    """One line on stderr, exit 1, nothing on stdout, nothing written."""
    before = snapshot(db_path)
    r = run(*args)
    assert r.exit_code == 1, r.stderr
    assert r.stderr == f"Error: {message}\n"
    assert r.stdout == ""
    assert snapshot(db_path) == before


# --- the option as typed ------------------------------------------------------------------------

AMOUNT_HINT = (
    "is not an amount of đồng (use 1600000000, 1.600.000.000, '1,6 tỷ', '350 triệu' or '1 tỷ 500 triệu')"
)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["add", "HTX X", "--code", "X1", "--founded", "2018-01-01", "--capital", "x"],
            f"--capital: 'x' {AMOUNT_HINT}",
        ),
        (
            ["add", "HTX X", "--code", "X1", "--founded", "2018-01-01", "--members", "1,2"],
            "--members: '1,2' is not a whole number",
        ),
        (["edit", "0470012345", "--capital", "-1"], "--capital: '-1' must not be negative"),
        (["edit", "0470012345", "--new-code", "a b"], "--new-code: 'a b' must not contain spaces"),
        (["edit", "a b", "--members", "3"], "code: 'a b' must not contain spaces"),  # the CODE argument
        (
            ["edit", "0470012345", "--founded", "31/02/2018"],
            "--founded: '31/02/2018' is not a date (use YYYY-MM-DD or DD/MM/YYYY)",
        ),
        (["dissolve", "0470012345", "--on", "x"], "--on: 'x' is not a date (use YYYY-MM-DD or DD/MM/YYYY)"),
        (
            ["dissolve", "0470012345", "--on", "2011-01-01"],
            "--on: '2011-01-01' is before the founding date 2012-03-15",
        ),
        (
            ["dissolve", "0470012345", "--on", "2016-06-30"],
            "--on: '2016-06-30' would leave the 2017 rating outside the organisation's life",
        ),
        (
            ["support", "add", "credit", "--to", "a b", "--date", "2018-01-01"],
            "--to: 'a b' must not contain spaces",
        ),
        (
            ["support", "add", "credit", "--date", "2018-01-01", "--amount", "1,5"],
            "--amount: '1,5' is ambiguous: write whole đồng such as 1.500.000 or '1,5 triệu'",
        ),
        (
            ["support", "add", "credit", "--date", "2018-01-01", "--quantity", "-2"],
            "--quantity: '-2' must not be negative",
        ),
        (["support", "add", "credit", "--date", " "], "--date: is required"),
        (["support", "list", "--to", "a b"], "--to: 'a b' must not contain spaces"),
        (
            ["list", "--status", "gone"],
            "--status: 'gone' is not one of: active, dissolved, all, operating, suspended, being-dissolved, "
            "bankrupt, revoked",
        ),
        (["list", "--active-in", "1800"], "--active-in: '1800' is not a year between 1900 and 2100"),
        (["rate", "0470012345", "2018", "--score", "101"], "--score: '101' must be between 0 and 100"),
        (
            ["rate", "0470012345", "twenty"],
            "year: 'twenty' is not a year between 1900 and 2100",
        ),  # an argument
    ],
)
def test_errors_name_the_option_typed(registry: Any, db_path: Path, args: list[str], message: str) -> None:
    refused(registry, db_path, args, message)


def test_edit_confirms_the_options_changed(registry: Any) -> None:
    r = registry("edit", "0470012345", "--capital", "2 tỷ", "--members", "1.200", "--new-code", "0470012346")
    assert r.exit_code == 0, r.stderr
    # What was recorded, each option with its value before and after.
    assert r.stderr == (
        "Updated 0470012346: --new-code 0470012345 → 0470012346; --members 12 → 1200; "
        "--capital 1500000000 → 2000000000\n"
    )


def test_every_renamed_option_exists() -> None:
    """The table of fields whose option is named otherwise names real options of real commands."""
    root = typer.main.get_command(app)
    ctx = typer.Context(root)
    for name, renamed in OPTION_OF_FIELD.items():
        command: Any = root
        for word in name.split():
            command = command.get_command(ctx, word)
        options = {opt for param in command.params for opt in param.opts if param.param_type_name == "option"}
        assert set(renamed.values()) <= options, name


def test_import_errors_keep_the_files_columns(htx: Any, db_path: Path, tmp_path: Path) -> None:
    assert htx("db", "upgrade").exit_code == 0
    f = tmp_path / "c.csv"
    f.write_text("code,name,founded,capital_vnd\nA,HTX A,2018-01-01,x\n")
    before = snapshot(db_path)
    r = htx("import", "cooperatives", str(f))
    assert r.exit_code == 1
    assert r.stderr.splitlines()[0] == f"{f}:2: capital_vnd: 'x' {AMOUNT_HINT}"
    assert snapshot(db_path) == before


# --- amounts and counts as clerks write them -----------------------------------------------------


def test_spoken_amounts_and_dotted_counts(registry: Any) -> None:
    r = registry("edit", "4700284512", "--capital", "2 tỷ 350 triệu 20 nghìn", "--members", "1.200")
    assert r.exit_code == 0, r.stderr
    data = json.loads(registry("show", "4700284512", "-f", "json").stdout)
    assert data["capital_vnd"] == 2_350_020_000 and data["members"] == 1200


@pytest.mark.parametrize(
    ("amount", "problem"),
    [
        (
            "500 triệu 1 tỷ",
            "is not an amount: its units must go down (tỷ, triệu, nghìn), each once and each part less than "
            "one of the unit before, e.g. '1 tỷ 500 triệu'",
        ),
        ("2.000.000.000 tỷ", "is larger than 1.000.000.000.000.000.000 đồng, the most htx can hold"),
    ],
)
def test_amounts_refused_say_why(registry: Any, db_path: Path, amount: str, problem: str) -> None:
    args = ["support", "add", "credit", "--date", "2018-01-01", "--amount", amount]
    refused(registry, db_path, args, f"--amount: {amount!r} {problem}")


# --- dates later than today ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["add", "HTX Mới", "--code", "N1", "--founded", LATER_DAY], "--founded"),
        (
            ["add", "HTX Mới", "--code", "N1", "--founded", "2018-01-01", "--dissolved", LATER_DAY],
            "--dissolved",
        ),
        (["edit", "0470012345", "--founded", LATER_DAY], "--founded"),
        (["dissolve", "0470012345", "--on", LATER_DAY], "--on"),
        (["support", "add", "outreach", "--date", LATER_DAY, "--quantity", "2"], "--date"),
        (["support", "add", "credit", "--to", "0470012345", "--date", LATER_DAY, "--amount", "5"], "--date"),
    ],
)
def test_dates_later_than_today_are_refused(
    registry: Any, db_path: Path, args: list[str], option: str
) -> None:
    refused(registry, db_path, args, f"{option}: {LATER_DAY!r} {later()}")


def test_today_is_not_later_than_today(registry: Any) -> None:
    today = date.today().strftime("%d/%m/%Y")
    assert registry("add", "HTX Hôm Nay", "--code", "N2", "--founded", today).exit_code == 0
    assert registry("support", "add", "outreach", "--date", today, "--quantity", "2").exit_code == 0
    assert registry("dissolve", "N2", "--on", today).exit_code == 0


def test_imports_refuse_dates_later_than_today(registry: Any, db_path: Path, tmp_path: Path) -> None:
    """Past a batch of rows, so that the column parser (not only the row parser) meets the date."""
    lines = [f"N{i},HTX {i},2018-01-01," for i in range(2500)]
    lines[2400] = f"N2400,HTX 2400,{LATER_DAY},"
    lines[10] = f"N10,HTX 10,2018-01-01,{LATER_DAY}"
    cooperatives = tmp_path / "c.csv"
    cooperatives.write_text("code,name,founded,dissolved\n" + "\n".join(lines) + "\n")
    support = tmp_path / "s.csv"
    support.write_text(f"program,date,quantity\noutreach,2018-01-01,2\noutreach,{LATER_DAY},2\n")
    before = snapshot(db_path)
    r = registry("import", "cooperatives", str(cooperatives))
    assert r.exit_code == 1
    assert r.stderr.splitlines()[:2] == [
        f"{cooperatives}:12: dissolved: {LATER_DAY!r} {later()}",
        f"{cooperatives}:2402: founded: {LATER_DAY!r} {later()}",
    ]
    r = registry("import", "support", str(support))
    assert r.exit_code == 1
    assert r.stderr.splitlines()[0] == f"{support}:3: date: {LATER_DAY!r} {later()}"
    assert snapshot(db_path) == before


# --- recorded all the same, with a warning ---------------------------------------------------------

CREDIT_WARNING = (
    "Warning: program: 'credit' has neither an amount nor a quantity (so 0 đồng, quantity 1); "
    "recorded all the same"
)
CAPITAL_WARNING = (
    "Warning: {where}: '{amount}' is more than 100.000 tỷ đồng, more than any cooperative's capital "
    "(a digit too many?); recorded all the same"
)


def support_count(run: Any) -> int:
    return len(json.loads(run("support", "list", "-f", "json").stdout))


def test_credit_without_amount_or_quantity_is_recorded_with_a_warning(registry: Any) -> None:
    before = support_count(registry)
    r = registry("support", "add", "vay vốn", "--to", "0470012345", "--date", "2018-03-01")
    assert r.exit_code == 0
    assert r.stderr.splitlines() == [
        CREDIT_WARNING,
        "Recorded support #2: credit for 0470012345 HTX Nông nghiệp Tân Thành, 2018-03-01",
    ]
    assert support_count(registry) == before + 1


@pytest.mark.parametrize(
    "given",
    [["--amount", "5 triệu"], ["--quantity", "3"], []],
)
def test_no_warning_when_the_record_says_something(registry: Any, given: list[str]) -> None:
    # an outreach record needs neither an amount nor an organisation
    program = ("credit", "--to", "0470012345") if given else ("outreach",)
    r = registry("support", "add", *program, "--date", "2018-03-01", *given)
    assert r.exit_code == 0
    assert not r.stderr.startswith("Warning"), r.stderr


def test_credit_to_no_organisation_is_recorded_with_a_warning(registry: Any, tmp_path: Any) -> None:
    """A loan typed without --to was recorded silently as province-wide support. It is still recorded
    (an office may log a programme's total), with a warning; an import warns on the same row."""
    warning = (
        "Warning: program: 'credit' names no organisation (so province-wide); a loan is recorded for the "
        "organisation that borrows, by its code; recorded all the same"
    )
    r = registry("support", "add", "credit", "--date", "2018-03-01", "--amount", "5 triệu")
    assert r.exit_code == 0 and r.stderr.splitlines()[0] == warning, r.stderr
    path = tmp_path / "support.csv"
    path.write_text("code,program,date,amount_vnd\n,credit,2018-04-01,5000000\n,outreach,2018-04-01,5\n")
    r = registry("import", "support", str(path))
    assert r.exit_code == 0
    assert f"{path}:2: warning: program: 'credit' names no organisation" in r.stderr, r.stderr
    assert f"{path}:3:" not in r.stderr, r.stderr


def test_implausible_capital_is_recorded_with_a_warning(registry: Any) -> None:
    r = registry("add", "HTX Lớn", "--code", "BIG-1", "--founded", "2018-01-01", "--capital", "200.000 tỷ")
    assert r.exit_code == 0
    warning = CAPITAL_WARNING.format(where="--capital", amount="200.000.000.000.000 ₫")
    assert r.stderr.splitlines() == [warning, "Added BIG-1 HTX Lớn"]
    r = registry("edit", "0470012345", "--capital", "100.001 tỷ")
    assert r.exit_code == 0
    warning = CAPITAL_WARNING.format(where="--capital", amount="100.001.000.000.000 ₫")
    assert r.stderr.splitlines() == [warning, "Updated 0470012345: --capital 1500000000 → 100001000000000"]
    assert json.loads(registry("show", "0470012345", "-f", "json").stdout)["capital_vnd"] == 100_001 * 10**9
    # 100.000 tỷ itself is plausible, and an edit that leaves the capital alone does not warn again
    assert registry("edit", "4700284512", "--capital", "100.000 tỷ").stderr.startswith("Updated")
    assert registry("edit", "BIG-1", "--members", "12").stderr.startswith("Updated")


def test_imports_warn_row_by_row_and_record(registry: Any, tmp_path: Path) -> None:
    cooperatives = tmp_path / "c.csv"
    cooperatives.write_text(
        "code,name,founded,capital_vnd\nB1,HTX B1,2018-01-01,1 tỷ\nB2,HTX B2,2018-01-01,200.000 tỷ\n"
    )
    r = registry("import", "cooperatives", str(cooperatives))
    assert r.exit_code == 0, r.stderr
    warning = CAPITAL_WARNING.format(where="capital_vnd", amount="200.000.000.000.000 ₫")
    problem = warning.removeprefix("Warning: ").removesuffix("; recorded all the same")
    assert r.stderr.splitlines() == [
        f"{cooperatives}:3: warning: {problem}",
        f"{cooperatives}: rows with warnings: 1 (a warning does not stop the import)",
        "cooperatives: 2 new, 0 changed, 0 unchanged (history entry #6; htx undo reverts it)",
    ]
    support = tmp_path / "s.csv"
    support.write_text(
        "code,program,date,amount_vnd,quantity\n"
        "0470012345,credit,2018-02-01,,\n"
        "0470012345,credit,2018-02-02,,4\n"
        ",bulletin,2018-02-03,,\n"
    )
    before = support_count(registry)
    r = registry("import", "support", str(support))
    assert r.exit_code == 0, r.stderr
    problem = CREDIT_WARNING.removeprefix("Warning: ").removesuffix("; recorded all the same")
    assert r.stderr.splitlines() == [
        f"{support}:2: warning: {problem}",
        f"{support}: rows with warnings: 1 (a warning does not stop the import)",
        "support: 3 new, 0 changed, 0 unchanged (history entry #7; htx undo reverts it)",
    ]
    assert support_count(registry) == before + 3


def test_a_failed_import_does_not_say_recorded(registry: Any, db_path: Path, tmp_path: Path) -> None:
    support = tmp_path / "s.csv"
    support.write_text("program,date,amount_vnd\ncredit,2018-02-01,\ncredit,x,\n")
    before = snapshot(db_path)
    r = registry("import", "support", str(support))
    assert r.exit_code == 1
    assert "recorded all the same" not in r.stderr
    assert snapshot(db_path) == before
