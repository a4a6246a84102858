"""The unit of work: one connection, one transaction; leaving without commit() rolls back."""

from __future__ import annotations

import functools
import os
import random
import signal
import time
from collections.abc import Callable
from types import TracebackType
from typing import ParamSpec, TypeVar

from sqlalchemy import Engine
from sqlalchemy.engine import Connection, RootTransaction
from sqlalchemy.exc import DBAPIError

from htxcli.store.aggregates import ReportQueries
from htxcli.store.checks import RegistryChecks
from htxcli.store.endings import EndingRepository
from htxcli.store.engine import READ_ONLY, busy_timeout_ms
from htxcli.store.history import HistoryRepository
from htxcli.store.plans import PlanRepository
from htxcli.store.repositories import (
    FiguresRepository,
    OrganisationRepository,
    RatingRepository,
    SupportRepository,
)
from htxcli.store.schema import history
from htxcli.store.status import SettingRepository, StatusRepository


class UnitOfWork:
    connection: Connection
    organisations: OrganisationRepository
    ratings: RatingRepository
    figures: FiguresRepository
    support: SupportRepository
    reports: ReportQueries
    history: HistoryRepository
    checks: RegistryChecks
    statuses: StatusRepository
    endings: EndingRepository  # the one writer of a life's end
    settings: SettingRepository
    plans: PlanRepository

    def __init__(self, engine: Engine, *, read_only: bool = False, resolved_references: bool = False) -> None:
        self._engine = engine
        self._read_only = read_only
        self._resolved_references = resolved_references
        self._transaction: RootTransaction | None = None

    def __enter__(self) -> UnitOfWork:
        connection = self._engine.connect()
        if self._resolved_references and connection.dialect.name == "sqlite":
            # The caller takes every organisation id it writes from a lookup in this same write
            # transaction, so SQLite's per-row re-check of the parent (a random page read per row,
            # a third of a 1,000,000-row import) adds nothing; `htx db check` runs the full check.
            # It can only be switched outside a transaction, and the connection is closed after.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        if self._read_only:
            connection = connection.execution_options(**{READ_ONLY: True})
        elif connection.dialect.name == "postgresql":
            # A read-then-write unit of work is safe from other programs writing to the server too.
            connection = connection.execution_options(isolation_level="SERIALIZABLE")
        self.connection = connection
        self._transaction = connection.begin()
        if not self._read_only and connection.dialect.name == "postgresql":
            _take_writer_lock(connection)
        self.organisations = OrganisationRepository(connection)
        self.ratings = RatingRepository(connection)
        self.figures = FiguresRepository(connection)
        self.support = SupportRepository(connection)
        self.reports = ReportQueries(connection)
        self.history = HistoryRepository(connection)
        self.checks = RegistryChecks(connection)
        self.statuses = StatusRepository(connection)
        self.endings = EndingRepository(connection)
        self.settings = SettingRepository(connection)
        self.plans = PlanRepository(connection)
        return self

    def commit(self) -> None:
        assert self._transaction is not None
        _fault_point("before")
        self._transaction.commit()
        _fault_point("after")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self._transaction is not None and self._transaction.is_active:
                self._transaction.rollback()
        finally:
            self.connection.close()


# For tests only: set to "before" or "after", it kills the process (SIGKILL, no clean-up of any kind)
# just before or just after the commit of the first writing unit of work, so that a test can show the
# registry holds all of a change or none of it. Unset (always, outside the tests) it does nothing.
FAULT_VARIABLE = "HTX_TEST_KILL_AT_COMMIT"


def _fault_point(moment: str) -> None:
    if os.environ.get(FAULT_VARIABLE) == moment:
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


# Every writing command locks this table first on a server (see _take_writer_lock).
WRITER_LOCK_TABLE = history.name


def _take_writer_lock(connection: Connection) -> None:
    """Let one writing unit of work at a time through, as SQLite's BEGIN IMMEDIATE does.

    SERIALIZABLE alone let concurrent clerks' commands abort each other (SQLSTATE 40001) often enough
    that six retries were not always enough with four clerks writing at once. So every writer first
    locks the history table in a self-exclusive mode that still lets readers in. It must be the
    transaction's first statement: LOCK takes no snapshot, so the snapshot the next statement takes
    includes everything earlier writers committed, and htx writers never overlap. SERIALIZABLE stays
    for anything else writing to the database. The lock ends with the transaction; a writer that
    waits longer than SQLite's busy timeout gives up with the same "busy" hint."""
    connection.exec_driver_sql(f"SET LOCAL lock_timeout = {busy_timeout_ms()}")
    connection.exec_driver_sql(f"LOCK TABLE {WRITER_LOCK_TABLE} IN SHARE ROW EXCLUSIVE MODE")


# SQLSTATEs of a transaction that lost to another and may simply be run again.
RETRYABLE = {"40001", "40P01"}  # serialization_failure, deadlock_detected
ATTEMPTS = 6

P = ParamSpec("P")
R = TypeVar("R")


def is_retryable(error: BaseException) -> bool:
    return getattr(getattr(error, "orig", None), "sqlstate", None) in RETRYABLE


def retrying(work: Callable[P, R]) -> Callable[P, R]:
    """Run a writing service again when the server aborted it for colliding with another clerk's
    transaction, a bounded number of times with growing random pauses. SQLite never raises these."""

    @functools.wraps(work)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return work(*args, **kwargs)
            except DBAPIError as e:
                if not is_retryable(e) or attempt == ATTEMPTS:
                    raise
                time.sleep(random.uniform(0, 0.05 * 2**attempt))
        raise AssertionError("unreachable")

    return run
