"""One district, however it was typed: 'BA BỂ' next to 'Ba Bể' is one row of the report, one block of
--compare, one district of a list, and a finding of db check; add, edit and import use the stored spelling."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, newest_entry, snapshot

# Every test that opens a database runs on SQLite and on PostgreSQL.
pytestmark = pytest.mark.both_backends

Htx = Callable[..., Run]


def respell(db: Path | str, code: str, district: str) -> None:
    """Store a district as an older htx (or a hand edit) did: spelled as typed, its key folded alike."""
    sql = "UPDATE organisation SET district = :district WHERE code = :code"
    if isinstance(db, Path):
        with sqlite3.connect(db) as con:
            con.execute(sql, {"district": district, "code": code})
        con.close()
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(db, poolclass=NullPool)
    with engine.begin() as server:
        server.execute(text(sql), {"district": district, "code": code})
    engine.dispose()


def add(htx: Htx, code: str, district: str, founded: str = "2016-03-01") -> Run:
    return htx("add", f"HTX Số {code}", "--code", code, "--district", district, "--founded", founded)


@pytest.fixture
def variants(registry: Htx, db_path: Path | str) -> Htx:
    """Ba Bể three times: BB-2 as typed, BB-3 and the registry's Mỹ Phương (4700284512) stored as 'BA BỂ'
    (as before htx used the stored spelling), which most records now spell; BB-2 is supported by the
    new-model programme in 2018."""
    assert add(registry, "BB-2", "Ba Bể").exit_code == 0
    assert add(registry, "BB-3", "Ba Bể", founded="2018-05-01").exit_code == 0
    respell(db_path, "BB-3", "BA BỂ")
    respell(db_path, "4700284512", "BA BỂ")
    assert registry("support", "add", "new-model", "--to", "BB-2", "--date", "2018-07-01").exit_code == 0
    return registry


def report(htx: Htx, *args: str) -> Any:
    r = htx("report", "2018", *args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


# --- reports ---------------------------------------------------------------------------------


def test_report_json_has_one_district_spelled_as_most_records_spell_it(variants: Htx) -> None:
    data = report(variants)
    assert sorted(data["districts"]) == ["BA BỂ", "Chợ Đồn", "Thành phố Bắc Kạn"]
    block = data["districts"]["BA BỂ"]["cooperative"]
    assert (block["active"], block["new"], block["active_start"]) == (3, 1, 2)
    assert [m["district"] for m in data["new_model"]] == ["BA BỂ"]


def test_report_table_has_one_row(variants: Htx) -> None:
    table = variants("report", "2018").stdout
    assert [line.split()[:3] for line in table.splitlines() if line.strip().startswith("BA BỂ")] == [
        ["BA", "BỂ", "3"]
    ]
    assert "Ba Bể" not in table


def test_compare_has_one_block(variants: Htx) -> None:
    data = report(variants, "--compare")
    assert list(data["previous"]["districts"]) == list(data["districts"])
    table = variants("report", "2018", "--compare").stdout
    # The subjects with a line of the registered beneath them ("Active" for a kind, its kinds apart
    # for a place: "HTX"): each district once, under one spelling.
    labels = set()
    for line in table.splitlines():
        if line.startswith("  ") and not line.startswith("   ") and not any(c.isdigit() for c in line):
            subject = line.strip()
        elif line.strip().startswith(("Active", "HTX")):
            labels.add(subject)
    assert labels == {"Hợp tác xã", "Tổ hợp tác", "Total", "BA BỂ", "Chợ Đồn", "Thành phố Bắc Kạn"}
    rows = csv.DictReader(io.StringIO(variants("report", "2018", "--compare", "-f", "csv").stdout))
    assert {r["section"] for r in rows if r["section"].startswith("districts/")} == {
        "districts/BA BỂ",
        "districts/Chợ Đồn",
        "districts/Thành phố Bắc Kạn",
    }


def test_the_spelling_most_records_use_wins(variants: Htx, db_path: Path | str) -> None:
    respell(db_path, "4700284512", "Ba Bể")  # now Ba Bể twice, BA BỂ once
    assert sorted(report(variants)["districts"]) == ["Ba Bể", "Chợ Đồn", "Thành phố Bắc Kạn"]
    one = report(variants, "--district", "ba be")
    assert one["district"] == "Ba Bể" and list(one["districts"]) == ["Ba Bể"]
    assert one["districts"]["Ba Bể"]["cooperative"]["active"] == 3


def test_district_option_covers_every_spelling(variants: Htx) -> None:
    one = report(variants, "--district", "Ba Bể")
    assert one["district"] == "BA BỂ"
    assert one["organisations"]["cooperative"]["active"] == 3
    assert list(one["districts"]) == ["BA BỂ"]


def test_list_treats_the_spellings_as_one(variants: Htx) -> None:
    r = variants("list", "--district", "ba be", "--format", "csv")
    assert sorted(row["code"] for row in csv.DictReader(io.StringIO(r.stdout))) == [
        "4700284512",
        "BB-2",
        "BB-3",
    ]


# --- add, edit, import -----------------------------------------------------------------------


def test_add_warns_and_uses_the_stored_spelling(registry: Htx) -> None:
    r = add(registry, "BB-9", "BA BỂ")
    assert r.exit_code == 0
    assert r.stderr.splitlines() == [
        "Warning: district 'BA BỂ' is stored as 'Ba Bể'; using 'Ba Bể'",
        "Added BB-9 HTX Số BB-9",
    ]
    assert json.loads(registry("show", "BB-9", "-f", "json").stdout)["district"] == "Ba Bể"


def test_add_of_a_stored_spelling_or_a_new_district_says_nothing(registry: Htx) -> None:
    assert add(registry, "BB-9", "Ba Bể").stderr == "Added BB-9 HTX Số BB-9\n"
    # The stored spelling with its type word: only the type word dropped, nothing to warn about.
    assert add(registry, "BB-8", "Huyện Ba Bể").stderr == "Added BB-8 HTX Số BB-8\n"
    assert json.loads(registry("show", "BB-8", "-f", "json").stdout)["district"] == "Ba Bể"
    assert add(registry, "NR-1", "NA RÌ").stderr == "Added NR-1 HTX Số NR-1\n"


def test_edit_warns_and_uses_the_stored_spelling(registry: Htx) -> None:
    r = registry("edit", "THT-07", "--district", "ba be")
    assert r.exit_code == 0
    assert r.stderr.splitlines()[0] == "Warning: district 'ba be' is stored as 'Ba Bể'; using 'Ba Bể'"
    assert json.loads(registry("show", "THT-07", "-f", "json").stdout)["district"] == "Ba Bể"


def test_edit_may_correct_the_only_record_of_a_district(registry: Htx) -> None:
    """Its own spelling is the one being changed: Chợ Đồn has no other record to follow."""
    r = registry("edit", "THT-07", "--district", "CHỢ ĐỒN")
    assert r.exit_code == 0 and "Warning" not in r.stderr
    assert json.loads(registry("show", "THT-07", "-f", "json").stdout)["district"] == "CHỢ ĐỒN"


def test_a_refused_edit_warns_of_nothing_and_changes_nothing(registry: Htx, db_path: Path | str) -> None:
    before = snapshot(db_path)
    r = registry("edit", "THT-07", "--district", "ba be", "--members", "many")
    assert r.exit_code == 1 and r.stderr == "Error: --members: 'many' is not a whole number\n"
    assert snapshot(db_path) == before


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "cooperatives.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_warns_once_per_spelling_with_a_count(registry: Htx, tmp_path: Path) -> None:
    file = write(
        tmp_path,
        "code,name,district,founded\n"
        "N-1,HTX Một,BA BỂ,2016-01-01\n"
        "N-2,HTX Hai,ba be,2016-01-01\n"
        "N-3,HTX Ba,BA BỂ,2016-01-01\n"
        "N-4,HTX Bốn,Ba Bể,2016-01-01\n"
        "N-5,HTX Năm,Na Rì,2016-01-01\n"
        "N-6,HTX Sáu,NA RÌ,2016-01-01\n"
        "N-7,HTX Bảy,Na Rì,2016-01-01\n",
    )
    r = registry("import", "cooperatives", file)
    assert r.exit_code == 0, r.stderr
    entry = newest_entry(registry)
    assert r.stderr.splitlines() == [
        f"{file}: warning: district 'BA BỂ' is stored as 'Ba Bể'; using 'Ba Bể' (rows: 2)",
        f"{file}: warning: district 'NA RÌ' is stored as 'Na Rì'; using 'Na Rì' (rows: 1)",
        f"{file}: warning: district 'ba be' is stored as 'Ba Bể'; using 'Ba Bể' (rows: 1)",
        f"cooperatives: 7 new, 0 changed, 0 unchanged (history entry {entry}; htx undo reverts it)",
    ]
    listed = csv.DictReader(io.StringIO(registry("list", "-f", "csv").stdout))
    districts = {row["code"]: row["district"] for row in listed}
    assert {districts[f"N-{i}"] for i in range(1, 5)} == {"Ba Bể"}
    assert {districts[f"N-{i}"] for i in range(5, 8)} == {"Na Rì"}


def test_import_updating_a_stored_row_uses_the_stored_spelling(registry: Htx, tmp_path: Path) -> None:
    """The careful way (a stored code) as the bulk way: THT-07 moves to Ba Bể, spelled as stored."""
    file = write(tmp_path, "code,name,district,founded\nTHT-07,Tổ hợp tác Ăn Quả,BA BE,2017-01-09\n")
    r = registry("import", "cooperatives", file)
    assert r.exit_code == 0
    entry = newest_entry(registry)
    assert r.stderr.splitlines() == [
        f"{file}: warning: district 'BA BE' is stored as 'Ba Bể'; using 'Ba Bể' (rows: 1)",
        f"cooperatives: 0 new, 1 changed, 0 unchanged (history entry {entry}; htx undo reverts it)",
    ]
    assert json.loads(registry("show", "THT-07", "-f", "json").stdout)["district"] == "Ba Bể"
    again = registry("import", "cooperatives", file)
    assert again.stderr.splitlines()[-1] == "cooperatives: 0 new, 0 changed, 1 unchanged"


# --- db check --------------------------------------------------------------------------------


def test_check_lists_the_spellings_of_a_district(variants: Htx, db_path: Path | str) -> None:
    assert add(variants, "CD-2", "Chợ Đồn").exit_code == 0
    respell(db_path, "CD-2", "cho don")
    r = variants("db", "check")
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        "district: one district spelled 2 ways once accents and case are ignored (organisations of each): "
        "'BA BỂ' (2), 'Ba Bể' (1)",
        "district: one district spelled 2 ways once accents and case are ignored (organisations of each): "
        "'cho don' (1), 'Chợ Đồn' (1)",
    ]


def test_check_is_clean_once_the_spellings_agree(variants: Htx) -> None:
    assert variants("edit", "BB-2", "--district", "Ba Bể").exit_code == 0  # uses the stored BA BỂ
    r = variants("db", "check")
    assert r.exit_code == 0 and r.stdout == ""
