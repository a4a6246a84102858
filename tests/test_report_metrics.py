"""The report's metrics are declared once (domain/report.py): a metric added to a test-only model,
with its query, reaches the totals, the JSON and CSV keys, both layouts' tables and their labels
without a change anywhere else."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from htxcli.domain.report import ORGANISATIONS, PLACE_LINES, PLACES, Money, Organisations, metric
from htxcli.services import report as service
from htxcli.store.aggregates import ReportQueries
from tests import contract
from tests.conftest import invoke, line_beneath


@dataclass(slots=True)
class WithProfit(Organisations):
    """The model with one metric more: its declaration is all the report's code is told."""

    profit_vnd: Money = metric(lambda: "Profit", ORGANISATIONS, PLACES, PLACE_LINES)


def _with_profit(query: Callable[..., list[dict[str, Any]]]) -> Callable[..., list[dict[str, Any]]]:
    """The metric's query: a column more in the organisation rows (here 1.000 đồng a member)."""

    def read(self: ReportQueries, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        rows = query(self, *args, **kwargs)
        for row in rows:
            row["profit_vnd"] = int(row["members"]) * 1000
        return rows

    return read


@pytest.fixture
def profit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "Organisations", WithProfit)
    for name in ("organisations", "organisations_by_address"):
        monkeypatch.setattr(ReportQueries, name, _with_profit(getattr(ReportQueries, name)))
    # A metric of this test only: the JSON contract (docs/report.schema.json) rightly does not know it.
    monkeypatch.setattr(contract, "check", lambda *args, **kwargs: None)


def report(db: Path | str, *args: str) -> str:
    r = invoke(db, "report", *args)
    assert r.exit_code == 0, r.stderr
    return str(r.stdout)


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")  # bare: the header or the label says "(đồng)"


def test_a_metric_declared_once_reaches_every_output(example_db: Path | str, profit: None) -> None:
    data = json.loads(report(example_db, "2018", "--format", "json"))
    kinds = data["organisations"]
    assert list(kinds["cooperative"])[-1] == "profit_vnd"
    assert kinds["cooperative"]["profit_vnd"] == kinds["cooperative"]["members"] * 1000 > 0
    totals = data["totals"]["organisations"]
    assert totals["profit_vnd"] == sum(k["profit_vnd"] for k in kinds.values()) == totals["members"] * 1000
    for name, block in data["totals"]["districts"].items():
        assert block["profit_vnd"] == block["members"] * 1000, name

    rows = list(csv.DictReader(io.StringIO(report(example_db, "2018", "--format", "csv"))))
    sections = {r["section"] for r in rows if r["metric"] == "profit_vnd"}
    assert sections == {"organisations", *(f"districts/{d}" for d in data["districts"])}

    tables = {
        part.split("\n", 1)[0]: part
        for part in report(example_db, "2018", "--format", "markdown").split("## ")
    }
    organisations = tables["Organisations at the end of 2018"].strip().splitlines()
    assert organisations[2].endswith("| Capital (registered) (đồng) | Profit (đồng) |")
    total = next(line for line in reversed(organisations) if line.startswith("| **"))
    assert total.endswith(f"| **{_vnd(totals['profit_vnd'])}** |")
    districts = tables["Districts at the end of 2018"].strip().splitlines()
    assert districts[2].endswith("| Capital (registered) (đồng) | Profit (đồng) |")

    earlier = json.loads(report(example_db, "2017", "--format", "json"))["organisations"]["cooperative"]
    columns = report(example_db, "2017..2018", "--format", "markdown")
    before, after = _vnd(earlier["profit_vnd"]), _vnd(kinds["cooperative"]["profit_vnd"])
    assert line_beneath(columns, "Hợp tác xã", "Profit") == f"Profit (đồng) | {before} | {after}"


def test_without_it_the_report_is_as_declared(example_db: Path | str) -> None:
    """The fixture above is what makes the metric: without it no output names it."""
    assert "profit" not in report(example_db, "2018", "--format", "json")
    assert "Profit" not in report(example_db, "2017..2018", "--format", "markdown")
