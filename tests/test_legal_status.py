"""An organisation's legal status over time (htx status, suspend, resume, revoke, dissolve --reason,
reinstate), the report's status counts and reporting period, and the registry settings: through the CLI
on both backends, as a clerk would use them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, line_beneath, load_example, snapshot

pytestmark = pytest.mark.both_backends

Htx = Callable[..., Run]


def ok(r: Run) -> Run:
    assert r.exit_code == 0, r.stderr
    return r


def report(htx: Htx, year: int, *options: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(htx("report", str(year), "--format", "json", *options)).stdout)
    return data


def history_csv(htx: Htx, code: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(ok(htx("status", code, "--format", "csv")).stdout)))


def cooperatives_of(htx: Htx, district: str) -> list[dict[str, str]]:
    """The example's active cooperatives of a district, founded before 2017, for the scenario."""
    out = ok(htx("list", "--kind", "HTX", "--district", district, "--status", "active", "--format", "csv"))
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    return [r for r in rows if r["founded"] < "2017-01-01"]


@pytest.fixture
def example(htx: Htx, db_path: Path | str) -> Htx:
    load_example(db_path)
    return htx


def test_the_clerks_year_suspensions_a_dissolution_procedure_and_a_bankruptcy(example: Htx) -> None:
    """The issue's "done when": each history shown, the report's old figures kept for the untouched
    organisations, the statuses counted as defined, and undo reverting every change."""
    htx = example
    before = report(htx, 2018)
    a, b, c, d = (row["code"] for row in cooperatives_of(htx, "Ba Bể")[:4])
    ok(htx("suspend", a, "--from", "01/03/2018", "--until", "30/09/2018", "--reference", "15/TB-HTX"))
    ok(htx("suspend", b, "--from", "01/11/2018"))
    ok(htx("status", c, "đang giải thể", "--on", "01/10/2018", "--note", "nghị quyết đại hội"))
    r = ok(htx("dissolve", d, "--on", "20/11/2018", "--reason", "phá sản", "--reference", "20/QĐ-TA"))
    assert r.stderr == f"Recorded {d} as bankrupt from 2018-11-20\n"

    assert history_csv(htx, a) == [
        {"code": a, "status": "suspended", "started": "2018-03-01", "until": "2018-09-30", "reason": "",
         "reference": "15/TB-HTX", "note": ""}
    ]  # fmt: skip
    assert [(e["status"], e["until"]) for e in history_csv(htx, b)] == [("suspended", "")]
    assert [(e["status"], e["note"]) for e in history_csv(htx, c)] == [
        ("being-dissolved", "nghị quyết đại hội")
    ]
    assert [(e["status"], e["reason"]) for e in history_csv(htx, d)] == [("bankrupt", "bankrupt")]
    shown = json.loads(ok(htx("status", b, "--format", "json")).stdout)
    assert shown["status"] == "suspended" and shown["dissolved"] is None
    assert json.loads(ok(htx("show", d, "--format", "json")).stdout)["dissolved"] == "2018-11-20"

    after = report(htx, 2018)
    assert after["period"] == {"from": "2018-01-01", "to": "2018-12-31"}
    coop_before, coop = before["organisations"]["cooperative"], after["organisations"]["cooperative"]
    # The bankruptcy is a dissolution of 2018; nothing else of the old figures moves but its members.
    assert coop["active"] == coop_before["active"] - 1 == coop["registered"]
    assert coop["dissolved"] == coop_before["dissolved"] + 1
    assert (coop["new"], coop["active_start"]) == (coop_before["new"], coop_before["active_start"])
    # At 31/12/2018: a's suspension has ended (it resumed on 01/10), b's has not; c is being dissolved.
    assert (coop["suspended"], coop["being_dissolved"], coop["revoked"], coop["resumed"]) == (1, 1, 0, 1)
    assert coop["operating"] == coop["registered"] - 2
    for kind in ("group", "union", "credit-fund"):
        assert after["organisations"][kind] == before["organisations"][kind]
        assert after["organisations"][kind]["operating"] == after["organisations"][kind]["active"]
    assert after["ratings"] == before["ratings"] and after["support"] == before["support"]
    assert after["totals"]["organisations"]["suspended"] == 1
    assert after["districts"]["Ba Bể"]["cooperative"]["being_dissolved"] == 1
    # On 30/06/2018 a was suspended and b not yet.
    mid = report(htx, 2018, "--period-start", "01/07")["organisations"]["cooperative"]
    assert (mid["suspended"], mid["being_dissolved"]) == (1, 0)

    for _ in range(4):
        ok(htx("undo", "--yes"))
    for code in (a, b, c, d):
        assert history_csv(htx, code) == []
    assert {k: v for k, v in report(htx, 2018).items() if k != "period"} == {
        **{k: v for k, v in before.items() if k != "period"}
    }


def test_a_suspension_ends_on_its_last_day_and_resume_ends_an_open_one(registry: Htx) -> None:
    htx = registry
    ok(htx("suspend", "0470012345", "--from", "01/03/2018", "--until", "30/09/2018"))
    assert report(htx, 2018, "--period-start", "01/10")["organisations"]["cooperative"]["suspended"] == 1
    assert report(htx, 2019, "--period-start", "02/10")["organisations"]["cooperative"]["suspended"] == 0
    ok(htx("suspend", "4700284512", "--from", "01/11/2018"))
    ok(htx("resume", "4700284512", "--on", "01/08/2019"))
    y2019 = report(htx, 2019)["organisations"]["cooperative"]
    assert (y2019["suspended"], y2019["resumed"], y2019["operating"]) == (0, 1, 2)
    assert report(htx, 2018)["organisations"]["cooperative"]["resumed"] == 1  # a, on 01/10/2018


def test_revoke_and_restore(registry: Htx) -> None:
    htx = registry
    ok(htx("revoke", "THT-07", "--on", "15/06/2018", "--reference", "45/QĐ-UBND"))
    group = report(htx, 2018)["organisations"]["group"]
    assert (group["revoked"], group["operating"], group["registered"]) == (1, 0, 1)
    ok(htx("resume", "THT-07", "--on", "01/02/2019"))
    group = report(htx, 2019)["organisations"]["group"]
    assert (group["revoked"], group["operating"], group["resumed"]) == (0, 1, 1)


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("suspend", "4700284512", "--from", "01/01/2017"), "Error: 4700284512 was dissolved"),
        (
            ("suspend", "4700284512", "--from", "01/01/2014"),
            "Error: --from: '01/01/2014' is before the founding date 2015-04-20",
        ),
        (
            ("status", "4700284512", "suspended", "--on", "01/03/2018", "--until", "01/02/2018"),
            "Error: --until: '01/02/2018' is before the suspension starts (2018-03-01)",
        ),
        (
            ("status", "4700284512", "revoked", "--on", "01/03/2018", "--until", "01/04/2018"),
            "Error: --until: '01/04/2018' is only for a suspension",
        ),
        (
            ("resume", "4700284512", "--on", "01/03/2018"),
            "Error: 4700284512 is already operating on 2018-03-01",
        ),
        (("status", "4700284512", "closed", "--on", "01/03/2018"), "Error: status: 'closed' is not one of:"),
        (("status", "4700284512", "suspended"), "Error: --on: is required"),
        (("dissolve", "4700284512", "--on", "01/03/2018", "--reason", "tired"), "Error: --reason: 'tired'"),
        (
            ("status", "4700284512", "revoked", "--on", "01/03/2099"),
            "Error: --on: '01/03/2099' is later than today",
        ),
        (
            ("dissolve", "0470012345", "--on", "01/03/2016"),
            "Error: --on: '01/03/2016' would leave the 2017 rating",
        ),
        (
            ("suspend", "9999999999", "--from", "01/03/2018"),
            "Error: code: '9999999999' is not in the registry",
        ),
    ],
)
def test_each_rule_is_one_line_and_changes_nothing(
    registry: Htx, db_path: Path | str, args: tuple[str, ...], line: str
) -> None:
    if args[1] == "4700284512" and args[3:4] == ("01/01/2017",):
        ok(registry("dissolve", "4700284512", "--on", "01/06/2016"))
        line = "Error: 4700284512 was dissolved on 2016-06-01; no status can follow its dissolution"
    before = snapshot(db_path)
    r = registry(*args)
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.startswith(line) and r.stderr.count("\n") == 1, r.stderr
    assert snapshot(db_path) == before


def test_one_change_a_day_and_a_dissolution_is_the_last(registry: Htx) -> None:
    htx = registry
    ok(htx("suspend", "4700284512", "--from", "01/03/2018"))
    r = htx("revoke", "4700284512", "--on", "01/03/2018")
    assert r.exit_code == 1 and "already has a status recorded on 2018-03-01: suspended" in r.stderr
    r = htx("dissolve", "4700284512", "--on", "01/02/2018")
    assert r.exit_code == 1 and "has a later status recorded (suspended on 2018-03-01)" in r.stderr
    r = htx("edit", "4700284512", "--founded", "01/04/2018")
    assert r.exit_code == 1 and "is after the status suspended recorded on 2018-03-01" in r.stderr


def test_a_suspension_over_twelve_months_is_recorded_with_a_warning(registry: Htx) -> None:
    r = ok(registry("suspend", "4700284512", "--from", "01/03/2018", "--until", "15/03/2019"))
    assert r.stderr.startswith("Warning: --until: '15/03/2019' is more than 12 months")
    assert "recorded all the same" in r.stderr
    assert (
        ok(registry("suspend", "0470012345", "--from", "01/03/2018", "--until", "28/02/2019")).stderr.count(
            "Warning"
        )
        == 0
    )


def test_reinstate_removes_the_latest_status_and_undo_brings_it_back(registry: Htx) -> None:
    htx = registry
    ok(htx("status", "4700284512", "being-dissolved", "--on", "01/10/2018"))
    ok(htx("dissolve", "4700284512", "--on", "15/12/2018"))
    r = ok(htx("reinstate", "4700284512"))
    assert r.stderr == "Reinstated 4700284512\n"
    assert json.loads(ok(htx("show", "4700284512", "--format", "json")).stdout)["dissolved"] is None
    r = ok(htx("reinstate", "4700284512"))
    assert r.stderr == "Removed the status being-dissolved of 4700284512 from 2018-10-01\n"
    assert history_csv(htx, "4700284512") == []
    r = ok(htx("undo", "--yes"))
    assert "the status being-dissolved of 4700284512 from 2018-10-01 is back" in r.stderr
    r = ok(htx("undo", "--yes"))
    assert "4700284512 is recorded as dissolved on 2018-12-15 again" in r.stderr
    assert [e["status"] for e in history_csv(htx, "4700284512")] == ["being-dissolved", "dissolved"]
    assert json.loads(ok(htx("show", "4700284512", "--format", "json")).stdout)["dissolved"] == "2018-12-15"
    listed = ok(htx("history", "4700284512", "--format", "json")).stdout
    assert '"table": "legal_status"' in listed


def test_list_takes_the_legal_statuses(registry: Htx) -> None:
    htx = registry

    def codes(status: str) -> list[str]:
        out = ok(htx("list", "--status", status, "--format", "csv")).stdout
        return sorted(r["code"] for r in csv.DictReader(io.StringIO(out)))

    ok(htx("suspend", "4700284512", "--from", "01/03/2018"))
    ok(htx("dissolve", "THT-07", "--on", "01/03/2019", "--reason", "bankrupt"))
    assert codes("suspended") == codes("tạm ngừng") == ["4700284512"]
    assert codes("operating") == codes("đang hoạt động") == codes("hoạt động") == ["0470012345"]
    assert codes("bankrupt") == codes("phá sản") == ["THT-07"]
    assert codes("dissolved") == ["THT-07"] and codes("being-dissolved") == []
    assert codes("active") == codes("còn đăng ký") == codes("hiện có") == ["0470012345", "4700284512"]


def _row_of(table: str, code: str) -> str:
    return next(line for line in table.splitlines() if code in line)


def test_list_and_show_name_the_legal_status_today(registry: Htx, monkeypatch: pytest.MonkeyPatch) -> None:
    """The list's status column and show's profile give the status today, not only active/dissolved:
    a suspension in force (with its last day), a bankruptcy, and a suspension over by itself."""
    monkeypatch.setenv("COLUMNS", "200")  # a status on one line (at 80 it wraps between words)
    htx = registry
    today = date.today()
    start, last = today - timedelta(days=10), today + timedelta(days=100)
    ok(htx("suspend", "4700284512", "--from", start.isoformat(), "--until", last.isoformat()))
    ok(htx("status", "THT-07", "being-dissolved", "--on", "01/10/2018"))
    ok(htx("dissolve", "THT-07", "--on", "01/03/2019", "--reason", "bankrupt"))
    ok(htx("suspend", "0470012345", "--from", "01/03/2018", "--until", "30/09/2018"))

    # Tables show the vocabulary's labels in either language (test_language: lower case in a sentence).
    listed = ok(htx("list")).stdout
    assert "Tạm ngừng kinh doanh" in _row_of(listed, "4700284512")
    assert "Phá sản" in _row_of(listed, "THT-07")
    assert "active" in _row_of(listed, "0470012345")
    suspended = ok(htx("list", "--status", "tạm ngừng")).stdout
    assert "Tạm ngừng kinh doanh" in _row_of(suspended, "4700284512") and "active" not in suspended
    # The machine formats of list keep the export's columns.
    header = ok(htx("list", "--format", "csv")).stdout.splitlines()[0]
    assert "status" not in header.split(",")

    def legal(code: str) -> dict[str, Any]:
        shown: dict[str, Any] = json.loads(ok(htx("show", code, "--format", "json")).stdout)
        assert shown["code"] == code and "dissolved" in shown  # the other keys kept
        return dict(shown["legal_status"])

    assert legal("4700284512") == {
        "status": "suspended", "since": start.isoformat(), "until": last.isoformat()
    }  # fmt: skip
    assert legal("THT-07") == {"status": "bankrupt", "since": "2019-03-01", "until": None}
    assert legal("0470012345") == {"status": "operating", "since": "2018-10-01", "until": None}
    profile = ok(htx("show", "4700284512")).stdout
    assert f"from {start.isoformat()} until {last.isoformat()}" in _row_of(profile, "Legal status")
    assert "Phá sản from 2019-03-01" in _row_of(ok(htx("show", "THT-07")).stdout, "Legal status")


def test_show_of_an_organisation_with_no_status_recorded(registry: Htx) -> None:
    shown = json.loads(ok(registry("show", "0470012345", "--format", "json")).stdout)
    assert shown["legal_status"] == {"status": "operating", "since": None, "until": None}
    # The word `htx list` says of it ("active"; "đang hoạt động" in Vietnamese).
    assert _row_of(ok(registry("show", "0470012345")).stdout, "Legal status").split() == [
        "Legal", "status", "Active"
    ]  # fmt: skip


def test_the_history_names_a_bankruptcy_and_a_suspensions_last_day(registry: Htx) -> None:
    """The entry shown by undo (and htx history) says what was recorded: a bankruptcy, not a
    dissolution; a suspension with its last day."""
    htx = registry
    ok(htx("suspend", "4700284512", "--from", "01/03/2018", "--until", "30/09/2018"))
    ok(htx("dissolve", "THT-07", "--on", "01/03/2019", "--reason", "phá sản"))
    r = ok(htx("undo", "--yes"))
    assert "  THT-07: bankrupt from 2019-03-01\n" in r.stderr and "dissolved on" not in r.stderr
    assert r.stderr.endswith("the status bankrupt of THT-07 from 2019-03-01 was removed\n")
    r = ok(htx("undo", "--yes"))
    assert "  4700284512: suspended from 2018-03-01 until 2018-09-30\n" in r.stderr
    ok(htx("dissolve", "THT-07", "--on", "01/03/2019", "--reason", "bankrupt"))
    ok(htx("reinstate", "THT-07"))
    r = ok(htx("undo", "--yes"))
    assert r.stderr.endswith("the status bankrupt of THT-07 from 2019-03-01 is back\n")


def test_dissolve_help_says_a_reason_of_two_words_goes_in_quotes(htx: Htx) -> None:
    # Unquoted, `--reason phá sản` leaves `sản` as an extra argument, which Click refuses.
    r = htx("dissolve", "4700284512", "--on", "01/03/2019", "--reason", "phá", "sản")
    assert r.exit_code == 2 and "sản" in r.stderr
    assert "quotes: --reason 'phá sản'" in " ".join(ok(htx("dissolve", "--help")).stdout.split())


def test_the_statutory_period_from_the_setting_or_the_option(registry: Htx) -> None:
    htx = registry
    ok(htx("add", "HTX Cuối Năm", "--code", "4700000020", "--founded", "20/12/2018"))
    calendar = report(htx, 2018)
    assert calendar["organisations"]["cooperative"]["new"] == 1
    r = ok(htx("settings", "period-start", "15/12"))
    assert r.stderr == "Setting period-start: 01/01 -> 15/12\n"
    y2018, y2019 = report(htx, 2018), report(htx, 2019)
    assert y2018["period"] == {"from": "2017-12-15", "to": "2018-12-14"}
    assert y2018["organisations"]["cooperative"]["new"] == 0
    assert y2019["organisations"]["cooperative"]["new"] == 1
    assert (
        y2019["organisations"]["cooperative"]["active_start"]
        == y2018["organisations"]["cooperative"]["active"]
    )
    # Support of 12/06/2018 is in the period; ratings stay by rating year.
    assert y2018["support"]["credit"]["records"] == 1
    assert report(htx, 2017)["ratings"]["rated"] == 1
    assert report(htx, 2018, "--period-start", "01/01") == calendar
    r = htx("report", "2018", "--period-start", "31/02")
    assert r.exit_code == 1 and r.stderr.startswith("Error: --period-start: '31/02' is not a day and month")


def test_settings_are_stored_shown_in_the_history_and_undone(registry: Htx, db_path: Path | str) -> None:
    htx = registry
    shown = json.loads(ok(htx("settings", "--format", "json")).stdout)
    assert shown == {
        "period-start": "01/01",
        "office": None,
        "parent-body": None,
        "province": None,
        "signer-title": None,
        "signer": None,
        "recipients": None,
    }
    r = ok(htx("settings", "office", "Sở Tài chính tỉnh Thái Nguyên"))
    assert r.stderr == "Setting office: (not set) -> Sở Tài chính tỉnh Thái Nguyên\n"
    ok(htx("settings", "province", "Thái Nguyên"))
    assert ok(htx("settings", "office")).stdout == "Sở Tài chính tỉnh Thái Nguyên\n"
    r = ok(htx("settings", "province", "Thái Nguyên"))
    assert "already Thái Nguyên; nothing changed" in r.stderr

    from htxcli.services import settings
    from htxcli.store.engine import make_engine
    from htxcli.store.location import resolve

    engine = make_engine(resolve(str(db_path)))
    try:
        assert settings.get(engine, "office") == "Sở Tài chính tỉnh Thái Nguyên"
        assert settings.get(engine, "period-start") == "01/01"
    finally:
        engine.dispose()

    history = json.loads(ok(htx("history", "--limit", "2", "--format", "json")).stdout)
    assert [e["command"] for e in history] == ["settings", "settings"]
    assert history[0]["summary"] == {"key": "province", "value": "Thái Nguyên"}
    ok(htx("undo", "--yes"))
    assert json.loads(ok(htx("settings", "province", "--format", "json")).stdout) is None
    ok(htx("settings", "office", ""))
    assert ok(htx("settings", "office")).stdout == "\n"
    r = htx("settings", "colour", "blue")
    assert r.exit_code == 1 and r.stderr.startswith(
        "Error: setting: 'colour' is not one of: period-start, office"
    )
    r = htx("settings", "period-start", "1/13")
    assert r.exit_code == 1 and r.stderr.startswith("Error: period-start: '1/13' is not a day and month")


def test_an_import_keeps_the_history_in_step_with_the_dissolved_column(htx: Htx, tmp_path: Path) -> None:
    header = "code,name,founded,dissolved\n"
    first = tmp_path / "cooperatives.csv"
    first.write_text(header + "4700000001,HTX A,2010-01-01,2018-05-01\n4700000002,HTX B,2010-01-01,\n")
    ok(htx("import", "cooperatives", str(first)))
    assert [(e["status"], e["started"]) for e in history_csv(htx, "4700000001")] == [
        ("dissolved", "2018-05-01")
    ]
    assert history_csv(htx, "4700000002") == []
    second = tmp_path / "again.csv"
    second.write_text(header + "4700000001,HTX A,2010-01-01,\n4700000002,HTX B,2010-01-01,2019-02-01\n")
    ok(htx("import", "cooperatives", str(second)))
    assert history_csv(htx, "4700000001") == []
    assert [(e["status"], e["started"]) for e in history_csv(htx, "4700000002")] == [
        ("dissolved", "2019-02-01")
    ]
    ok(htx("undo", "--yes"))
    assert [(e["status"], e["started"]) for e in history_csv(htx, "4700000001")] == [
        ("dissolved", "2018-05-01")
    ]
    assert history_csv(htx, "4700000002") == []
    exported = ok(htx("export", "cooperatives")).stdout
    assert "4700000001,HTX A,cooperative,,,,2010-01-01,2018-05-01" in exported
    ok(htx("undo", "--yes"))
    assert ok(htx("list", "--format", "csv")).stdout.count("\n") == 1


def test_status_shows_an_organisation_with_no_change_recorded(registry: Htx) -> None:
    r = ok(registry("status", "4700284512"))
    assert "status today operating" in r.stdout and "no change recorded" in r.stdout


def test_db_check_finds_a_history_out_of_step(registry: Htx, db_path: Path | str) -> None:
    """What a hand-made change can leave: a status before the founding, a dissolution date without its
    status entry."""
    ok(registry("suspend", "4700284512", "--from", "01/03/2018"))
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    url = str(db_path) if "://" in str(db_path) else f"sqlite:///{db_path}"
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as con:
            con.execute(text("UPDATE legal_status SET started = '2014-01-01'"))
            con.execute(text("UPDATE organisation SET dissolved = '2019-01-01' WHERE code = 'THT-07'"))
    finally:
        engine.dispose()
    r = registry("db", "check")
    assert r.exit_code == 1
    assert "status: 4700284512 is suspended from 2014-01-01, outside its life (founded 2015-04-20" in r.stdout
    assert "status: THT-07 has the dissolution date 2019-01-01 but its status history ends on –" in r.stdout


def test_the_peoples_layouts_show_the_status_table_once_a_status_is_recorded(example: Htx) -> None:
    """The terminal and Markdown report (and the documents built from the same blocks) gain a table of
    legal statuses whose figures are the JSON's; a registry with no status recorded prints as before."""
    htx = example
    plain = ok(htx("report", "2018", "--format", "markdown")).stdout
    assert "Legal status" not in plain
    a, b = (row["code"] for row in cooperatives_of(htx, "Ba Bể")[:2])
    ok(htx("suspend", a, "--from", "01/11/2018"))
    ok(htx("status", b, "being-dissolved", "--on", "01/10/2018"))
    figures = report(htx, 2018)["organisations"]["cooperative"]
    shown = ok(htx("report", "2018", "--format", "markdown")).stdout
    table = shown.split("Legal status at the end of 2018", 1)[1].split("\n\n")[1]
    cooperative_row = next(line for line in table.splitlines() if line.startswith("| Hợp tác xã"))
    cells = [c.strip().replace(",", "") for c in cooperative_row.strip("|").split("|")]
    metrics = ("registered", "operating", "suspended", "being_dissolved", "revoked")  # the stocks
    assert cells[1:] == [str(figures[m]) for m in metrics]
    assert shown.replace(table, "").count("Legal status") == 1  # only the new table's title
    ranged = ok(htx("report", "2017..2018")).stdout
    assert "Legal status" in ranged and line_beneath(ranged, "Hợp tác xã", "Suspended")


def test_an_ending_before_recorded_activity_is_kept_with_a_warning(registry: Htx) -> None:
    """As support add warns of support dated after a dissolution, dissolve (and any ending status)
    warns of the support that its date leaves after it."""
    ok(registry("support", "add", "credit", "--to", "4700284512", "--date", "02/03/2019", "--amount", "5tr"))
    ok(registry("support", "add", "credit", "--to", "4700284512", "--date", "05/09/2019", "--amount", "7tr"))
    ok(registry("rate", "4700284512", "2019", "khá"))
    r = ok(registry("dissolve", "4700284512", "--on", "01/01/2019"))
    assert (
        "Warning: --on: '01/01/2019' is before support to 4700284512 dated after it: #2 (2019-03-02), "
        "#3 (2019-09-05); recorded all the same" in r.stderr
    )
    ok(registry("reinstate", "4700284512"))
    r = ok(registry("status", "4700284512", "bankrupt", "--on", "01/06/2019"))
    assert "'01/06/2019' is before support to 4700284512 dated after it: #3 (2019-09-05)" in r.stderr
    # On the day of the last support: nothing after it, no warning.
    ok(registry("reinstate", "4700284512"))
    assert "Warning" not in ok(registry("dissolve", "4700284512", "--on", "05/09/2019")).stderr
