"""Copying a whole registry into an empty database, table by table, ids kept.

Ids are copied as they are, because ratings, support, history and `created_by` refer to them; a server's
id sequences are then moved past the largest id so that new rows do not collide.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Engine, Table, func, insert, select, text

from htxcli.store.engine import READ_ONLY
from htxcli.store.schema import (
    figures,
    history,
    history_change,
    issued_report,
    legal_status,
    organisation,
    plan,
    rating,
    setting,
    support,
)

# Referenced tables first: history.undoes points to an earlier entry, rating, support and legal_status to
# organisations.
TABLES: tuple[Table, ...] = (
    history,
    history_change,
    organisation,
    rating,
    support,
    legal_status,
    setting,
    figures,
    plan,
    issued_report,  # after the reports it replaces: copied in id order
)
BATCH = 5_000

Totals = dict[str, tuple[int, ...]]


def totals(engine: Engine) -> Totals:
    """Row counts, and the money columns' sums, of every copied table."""
    sums = {
        "organisation": organisation.c.capital_vnd,
        "support": support.c.amount_vnd,
        "figures": figures.c.revenue_vnd,
    }
    out: Totals = {}
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        for table in TABLES:
            columns: list[Any] = [func.count()]
            if table.name in sums:
                columns.append(func.coalesce(func.sum(sums[table.name]), 0))
            out[table.name] = tuple(int(v) for v in conn.execute(select(*columns).select_from(table)).one())
    return out


def rows_in_batches(engine: Engine, table: Table) -> Iterator[list[dict[str, Any]]]:
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        result = conn.execution_options(yield_per=BATCH).execute(select(table).order_by(table.c.id))
        for batch in result.mappings().partitions():
            yield [dict(row) for row in batch]


def copy_table(source: Engine, target: Engine, table: Table, progress: Callable[[int], None]) -> int:
    copied = 0
    for batch in rows_in_batches(source, table):
        with target.begin() as conn:  # one transaction per batch
            conn.execute(insert(table), batch)
        copied += len(batch)
        progress(len(batch))
    raise_id_floor(target, table.name)
    return copied


def raise_id_floor(target: Engine, table: str) -> None:
    """Ids are never reused: the next id of `table` follows the largest it holds or its history names
    (rows removed by an undo), on a server's sequence as in SQLite's sqlite_sequence (AUTOINCREMENT)."""
    highest = (
        f"SELECT max(n) FROM (SELECT max(id) AS n FROM {table} UNION ALL "
        f"SELECT max(record_id) FROM history_change WHERE table_name = '{table}') AS ids"
    )
    with target.begin() as conn:
        found = conn.execute(text(highest)).scalar()
        if found is None:
            return
        if target.dialect.name == "postgresql":
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {int(found)})"))
        else:
            conn.execute(text("DELETE FROM sqlite_sequence WHERE name = :t"), {"t": table})
            conn.execute(
                text("INSERT INTO sqlite_sequence (name, seq) VALUES (:t, :n)"), {"t": table, "n": found}
            )
