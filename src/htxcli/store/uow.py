"""The unit of work: one connection, one transaction; leaving without commit() rolls back."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.engine import Connection, RootTransaction

from htxcli.store.aggregates import ReportQueries
from htxcli.store.checks import RegistryChecks
from htxcli.store.engine import READ_ONLY
from htxcli.store.history import HistoryRepository
from htxcli.store.repositories import (
    OrganisationRepository,
    RatingRepository,
    SupportRepository,
)


class UnitOfWork:
    connection: Connection
    organisations: OrganisationRepository
    ratings: RatingRepository
    support: SupportRepository
    reports: ReportQueries
    history: HistoryRepository
    checks: RegistryChecks

    def __init__(self, engine: Engine, *, read_only: bool = False) -> None:
        self._engine = engine
        self._read_only = read_only
        self._transaction: RootTransaction | None = None

    def __enter__(self) -> UnitOfWork:
        connection = self._engine.connect()
        if self._read_only:
            connection = connection.execution_options(**{READ_ONLY: True})
        self.connection = connection
        self._transaction = connection.begin()
        self.organisations = OrganisationRepository(connection)
        self.ratings = RatingRepository(connection)
        self.support = SupportRepository(connection)
        self.reports = ReportQueries(connection)
        self.history = HistoryRepository(connection)
        self.checks = RegistryChecks(connection)
        return self

    def commit(self) -> None:
        assert self._transaction is not None
        self._transaction.commit()

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
