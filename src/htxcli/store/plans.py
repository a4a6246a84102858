"""The plan table: targets per indicator, span and area (revision 0009_plans)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, RowMapping

from htxcli.store.schema import plan

KEY = ("first_year", "last_year", "indicator", "area_key")


class PlanRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def all(self) -> list[RowMapping]:
        """Every plan, by span, indicator and area."""
        query = select(plan).order_by(plan.c.first_year, plan.c.last_year, plan.c.id)
        return list(self.connection.execute(query).mappings())

    def covering(self, year: int) -> list[RowMapping]:
        """The plans whose span holds `year`, in the order they were set."""
        query = select(plan).where(plan.c.first_year <= year, plan.c.last_year >= year).order_by(plan.c.id)
        return list(self.connection.execute(query).mappings())

    def find(self, key: Mapping[str, Any]) -> RowMapping | None:
        query = select(plan).where(*(plan.c[k] == key[k] for k in KEY))
        return self.connection.execute(query).mappings().first()

    def insert(self, values: Mapping[str, Any]) -> int:
        result = self.connection.execute(insert(plan).values(**values))
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def update(self, record_id: int, values: Mapping[str, Any]) -> None:
        self.connection.execute(update(plan).where(plan.c.id == record_id).values(**values))

    def delete(self, record_id: int) -> None:
        self.connection.execute(delete(plan).where(plan.c.id == record_id))

    def any(self) -> bool:
        return self.connection.execute(select(plan.c.id).limit(1)).first() is not None
