"""The report contract: docs/report.schema.json (JSON Schema 2020-12) describes `report --format json`
(one year, a range, --compare, --district, --commune, the 2025 reform's blocks), `show --format json` and
`status --format json`. Besides these tests, conftest's runners validate every such output of the suite
(tests/contract.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests import contract
from tests.conftest import invoke

pytestmark = pytest.mark.both_backends

VARIANTS = [
    ("report", "2018", "--format", "json"),
    ("report", "2018", "--format", "json", "--compare"),
    ("report", "2014..2018", "--format", "json"),
    ("report", "2016..2018", "--format", "json", "--compare"),
    ("report", "2018", "--format", "json", "--district", "ba be"),
    ("report", "2018", "--format", "json", "--period-start", "15/12"),
    ("report", "2030", "--format", "json"),  # a year with nothing in it
    ("show", "4700257731", "--format", "json"),
    ("status", "4700257731", "--format", "json"),
]


def _validated(db: Path | str, *args: str) -> Any:
    r = invoke(db, *args)
    assert r.exit_code == 0, r.stderr
    assert contract.command_of(args) is not None
    contract.check(args, r.exit_code, r.stdout)
    return json.loads(r.stdout)


def test_the_schema_is_valid_2020_12() -> None:
    from jsonschema import Draft202012Validator

    schema = json.loads(contract.SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("args", VARIANTS, ids=lambda a: " ".join(a[:2] + a[4:]))
def test_every_variant_matches_the_schema(example_db: Path | str, args: tuple[str, ...]) -> None:
    _validated(example_db, *args)


def test_status_history_and_the_2025_blocks_match_the_schema(db_path: Path | str) -> None:
    db = db_path
    add = ("add", "HTX Chè Thượng Minh", "--code", "4701000001", "--founded", "2015-09-01")
    assert invoke(db, *add, "--district", "Chợ Đồn", "--commune", "Quảng Bạch").exit_code == 0
    assert invoke(db, "suspend", "4701000001", "--from", "2018-01-01", "--until", "2018-03-01").exit_code == 0
    assert (
        invoke(db, "support", "add", "new-model", "--to", "4701000001", "--date", "2025-08-01").exit_code == 0
    )
    assert invoke(db, "places", "migrate", "--yes", "--from-province", "Bắc Kạn").exit_code == 0
    assert invoke(db, "dissolve", "4701000001", "--on", "2025-12-31", "--reason", "bankrupt").exit_code == 0
    status = _validated(db, "status", "4701000001", "--format", "json")
    assert [e["status"] for e in status["history"]] == ["suspended", "bankrupt"]
    report = _validated(db, "report", "2025", "--format", "json", "--compare")
    assert {"communes", "former_provinces"} <= set(report) and "communes" in report["totals"]
    _validated(db, "show", "4701000001", "--format", "json")


@pytest.mark.parametrize(
    "where",
    [
        (),
        ("organisations", "cooperative"),
        ("ratings",),
        ("totals", "support"),
        ("previous", "ratings", "grades"),
    ],
)
def test_an_undescribed_key_fails(example_db: Path | str, where: tuple[str, ...]) -> None:
    """What the schema exists for: a key the output gains without the schema saying so."""
    from jsonschema import ValidationError

    args = ("report", "2018", "--format", "json", "--compare")
    document = _validated(example_db, *args)
    inner = document
    for key in where:
        inner = inner[key]
    inner["economy"] = 1
    with pytest.raises(ValidationError):
        contract.validator("report").validate(document)
    with pytest.raises(AssertionError, match=r"does not match docs/report\.schema\.json"):
        contract.check(args, 0, json.dumps(document))


def test_a_missing_key_fails(example_db: Path | str) -> None:
    from jsonschema import ValidationError

    document = _validated(example_db, "show", "4700257731", "--format", "json")
    del document["legal_status"]
    with pytest.raises(ValidationError):
        contract.validator("show").validate(document)
