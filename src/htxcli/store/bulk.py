"""Loading many rows into a table that was empty when the load began.

Keeping a B-tree index up to date row by row, in random key order, is most of the cost of a large load
on SQLite; building it once from the loaded rows sorts them instead. So an import into an empty table
drops the table's secondary indexes and creates them again before its commit. Both happen in the
import's transaction: a failed or killed import rolls back to the indexes it found, and other
connections see the old schema until the commit. Unique indexes stay, because the importer relies on
them to notice a key repeated within the file. PostgreSQL keeps its indexes: dropping one there takes a
lock that would stop every other clerk's reads for the whole import.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

SORT_THREADS = 2


class SecondaryIndexes:
    """The non-unique indexes of one SQLite table, dropped for a bulk load and built again after it."""

    def __init__(self, connection: Connection, table: str) -> None:
        self.connection = connection
        self.table = table
        self.dropped: list[tuple[str, str]] = []

    def drop(self) -> None:
        if self.connection.dialect.name != "sqlite":
            return
        rows = self.connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            (self.table,),
        ).all()
        for name, sql in rows:
            if sql.upper().startswith("CREATE INDEX"):
                self.connection.exec_driver_sql(f'DROP INDEX "{name}"')
                self.dropped.append((name, sql))

    def restore(self) -> None:
        if self.dropped:
            # Building an index sorts the table's keys; SQLite may sort with a helper thread.
            self.connection.exec_driver_sql(f"PRAGMA threads = {SORT_THREADS}")
        for _name, sql in self.dropped:
            self.connection.exec_driver_sql(sql)
        self.dropped.clear()


def is_empty(connection: Connection, table: str) -> bool:
    return connection.exec_driver_sql(f'SELECT 1 FROM "{table}" LIMIT 1').first() is None
